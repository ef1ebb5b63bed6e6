#include "models/classifier/model_card.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "core/common/error.h"
#include "core/common/version.h"
#include "core/io/field_parse.h"
#include "core/ml/classifier_input.h"
#include "core/ml/wafer_pattern.h"

namespace fab::models {
namespace {

std::vector<std::string> buildClasses() { return {ml::kPatternNames.begin(), ml::kPatternNames.end()}; }
std::vector<std::string> buildChannels() { return {"off_wafer", "pass", "fail", "fail_clustered"}; }

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

ModelCard ModelCard::forBuild(const Architecture& architecture, int gridSize, std::string role) {
  ModelCard card;
  card.role = std::move(role);
  card.architecture = architecture;
  card.classes = buildClasses();
  card.gridSize = gridSize;
  card.channels = buildChannels();
  card.preprocessing = std::string(ml::kPreprocessingId);
  card.fabkitVersion = kVersion;
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  card.created = io::formatTimestamp(now.count() / 1000 * 1000);
  return card;
}

Json ModelCard::toJson() const {
  Json j;
  j["format"] = format;
  j["format_version"] = formatVersion;
  j["role"] = role;
  j["architecture"] = {
      {"kind", architecture.kindName()}, {"widths", architecture.widths}, {"strides", architecture.strides}};
  j["classes"] = classes;
  j["input"] = {
      {"grid_size", gridSize}, {"channels", channels}, {"preprocessing", preprocessing}, {"symmetries", symmetries}};
  j["parameter_count"] = parameterCount;
  j["seed"] = seed;
  j["training"] = training;
  j["metrics"] = metrics;
  if (!data.empty()) j["data"] = data;
  j["libtorch_version"] = libtorchVersion;
  j["fabkit_version"] = fabkitVersion;
  j["created"] = created;
  j["weights"] = {{"file", weightsFile}, {"sha256", weightsSha256}};
  if (trainingMaps)
    j["training_maps"] = {{"file", trainingMaps->file},
                          {"sha256", trainingMaps->sha256},
                          {"maps", trainingMaps->maps},
                          {"dimensions", trainingMaps->dimensions},
                          {"threshold", trainingMaps->threshold},
                          {"percentile", trainingMaps->percentile},
                          {"measured_on", trainingMaps->measuredOn}};
  return j;
}

ModelCard ModelCard::fromJson(const Json& j, const std::string& source) {
  auto field = [&](const Json& parent, const char* key, const std::string& path) -> const Json& {
    if (!parent.is_object() || !parent.contains(key)) throw Error(source + ": the field '" + path + "' is missing");
    return parent.at(key);
  };
  ModelCard c;
  try {
    c.format = field(j, "format", "format").get<std::string>();
    c.formatVersion = field(j, "format_version", "format_version").get<int>();
    c.role = field(j, "role", "role").get<std::string>();
    const auto& a = field(j, "architecture", "architecture");
    c.architecture.kind = networkKindFromName(field(a, "kind", "architecture.kind").get<std::string>());
    c.architecture.widths = field(a, "widths", "architecture.widths").get<std::vector<int>>();
    c.architecture.strides = field(a, "strides", "architecture.strides").get<std::vector<int>>();
    c.classes = field(j, "classes", "classes").get<std::vector<std::string>>();
    const auto& in = field(j, "input", "input");
    c.gridSize = field(in, "grid_size", "input.grid_size").get<int>();
    c.channels = field(in, "channels", "input.channels").get<std::vector<std::string>>();
    c.preprocessing = field(in, "preprocessing", "input.preprocessing").get<std::string>();
    c.symmetries = in.value("symmetries", 1);
    c.parameterCount = field(j, "parameter_count", "parameter_count").get<std::int64_t>();
    c.seed = field(j, "seed", "seed").get<std::uint64_t>();
    c.training = j.value("training", Json::object());
    c.metrics = j.value("metrics", Json::object());
    c.data = j.value("data", Json::object());
    c.libtorchVersion = j.value("libtorch_version", "");
    c.fabkitVersion = j.value("fabkit_version", "");
    c.created = j.value("created", "");
    const auto& w = field(j, "weights", "weights");
    c.weightsFile = field(w, "file", "weights.file").get<std::string>();
    c.weightsSha256 = field(w, "sha256", "weights.sha256").get<std::string>();
    if (j.contains("training_maps")) {
      const auto& t = j.at("training_maps");
      TrainingMapsEntry e;
      e.file = field(t, "file", "training_maps.file").get<std::string>();
      e.sha256 = field(t, "sha256", "training_maps.sha256").get<std::string>();
      e.maps = field(t, "maps", "training_maps.maps").get<std::size_t>();
      e.dimensions = field(t, "dimensions", "training_maps.dimensions").get<std::size_t>();
      e.threshold = field(t, "threshold", "training_maps.threshold").get<double>();
      e.percentile = field(t, "percentile", "training_maps.percentile").get<double>();
      e.measuredOn = t.value("measured_on", "");
      c.trainingMaps = e;
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(source + ": a field has the wrong type (" + e.what() + ")");
  }
  return c;
}

std::optional<double> uncertaintyThreshold(const ModelCard& card) {
  const auto& m = card.metrics;
  if (!m.is_object() || !m.contains("real_cross_validation")) return std::nullopt;
  const auto& cv = m.at("real_cross_validation");
  if (!cv.is_object() || !cv.contains("uncertainty") || !cv.at("uncertainty").is_object()) return std::nullopt;
  const auto& t = cv.at("uncertainty").value("threshold", Json());
  if (!t.is_number()) return std::nullopt;
  return t.get<double>();
}

void writeModelCard(const ModelCard& card, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error("cannot write the model description " + path);
  out << card.toJson().dump(2) << "\n";
  if (!out.flush()) throw Error("cannot write the model description " + path);
}

ModelCard readModelCard(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("no model description at " + path + " (a model folder holds model.json and model.pt)");
  Json j;
  try {
    j = Json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": not valid JSON (" + e.what() + ")");
  }
  return ModelCard::fromJson(j, path);
}

void checkModelCard(const ModelCard& card, const std::string& source) {
  std::vector<std::string> problems;
  if (card.format != kModelFormat)
    problems.push_back("it is a '" + card.format + "' file, not a " + std::string(kModelFormat));
  if (card.formatVersion > kModelFormatVersion || card.formatVersion < 1)
    problems.push_back("format version " + std::to_string(card.formatVersion) + " is not one this fabkit reads (" +
                       std::to_string(kModelFormatVersion) + ")");
  if (card.classes != buildClasses())
    problems.push_back("its classes [" + join(card.classes) + "] differ from this fabkit's [" + join(buildClasses()) +
                       "]");
  if (card.channels != buildChannels())
    problems.push_back("its input channels [" + join(card.channels) + "] differ from [" + join(buildChannels()) + "]");
  if (card.preprocessing != ml::kPreprocessingId)
    problems.push_back("it was trained on maps preprocessed by '" + card.preprocessing + "', this fabkit prepares '" +
                       std::string(ml::kPreprocessingId) + "'");
  if (!validSymmetries(card.symmetries))
    problems.push_back("input.symmetries is " + std::to_string(card.symmetries) + ", not 1, 2, 4 or 8");
  if (card.gridSize < 4 || card.gridSize > 512)
    problems.push_back("its grid size " + std::to_string(card.gridSize) + " is outside 4…512");
  try {
    card.architecture.validate();
  } catch (const Error& e) {
    problems.push_back(std::string("its architecture is invalid: ") + e.what());
  }
  if (problems.empty()) return;
  std::string message = source + ": refusing this model: ";
  for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
  throw Error(message + ". Retrain it with this fabkit (fabkit-cli train).");
}

std::string modelFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  if (fs::exists(fs::path(dir) / kCardFile)) return dir;
  if (fs::exists(fs::path(dir) / "student" / kCardFile)) return (fs::path(dir) / "student").string();
  throw Error("no model in " + dir + ": expected " + kCardFile + " there (a model folder) or in its student/ folder " +
              "(the output of fabkit-cli train)");
}

}  // namespace fab::models
