#include "models/classifier/wafer_classifier.h"

#include <dlfcn.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "core/common/error.h"
#include "core/io/sha256.h"
#include "core/ml/training_map_distance.h"
#include "models/classifier/classifier_impl.h"
#include "models/classifier/training_maps_file.h"

namespace fab::models {

DeviceChoice deviceChoiceFromName(const std::string& name) {
  if (name == "auto") return DeviceChoice::Auto;
  if (name == "cpu") return DeviceChoice::Cpu;
  if (name == "cuda") return DeviceChoice::Cuda;
  throw Error("unknown device '" + name + "': use auto, cpu or cuda");
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string libtorchVersion() { return TORCH_VERSION; }

namespace {
/// The BLAS under libtorch (OpenBLAS on Debian) keeps its own thread pool, whose idle threads spin on
/// sched_yield while libtorch's threads work: classifying 10,000 maps spent a fifth of its time there.
/// The networks' matrix products are small, so BLAS runs on the calling thread. Looked up at run time,
/// so a libtorch built on another BLAS needs nothing. Every network is made or loaded here, so it is set there.
void keepBlasOnTheCallingThread() {
  using SetThreads = void (*)(int);
  if (auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(1);
}

/// libtorch's intra-op thread count set for a scope, the previous one restored after it.
class TorchThreads {
 public:
  explicit TorchThreads(int threads) : previous_(at::get_num_threads()) { at::set_num_threads(std::max(1, threads)); }
  ~TorchThreads() { at::set_num_threads(previous_); }
  TorchThreads(const TorchThreads&) = delete;
  TorchThreads& operator=(const TorchThreads&) = delete;

 private:
  int previous_;
};
}  // namespace

void setTorchThreads(int threads) {
  const int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(n);
}

torch::Device resolveDevice(DeviceChoice choice) {
  if (choice == DeviceChoice::Cpu) return torch::kCPU;
  if (torch::cuda::is_available()) return {torch::kCUDA, 0};
  if (choice == DeviceChoice::Cuda)
    throw Error("CUDA was requested but is not available (this libtorch " + libtorchVersion() +
                " has no CUDA support or no GPU is visible); use --device cpu");
  return torch::kCPU;
}

torch::Tensor inputTensor(std::span<const float> inputs, int gridSize, torch::Device device) {
  const auto perMap = ml::classifierInputSize(gridSize);
  if (inputs.size() % perMap != 0)
    throw Error("the classifier expects maps of " + std::to_string(perMap) + " values each (a " +
                std::to_string(ml::kInputChannels) + " × " + std::to_string(gridSize) + " × " +
                std::to_string(gridSize) + " image and " + std::to_string(ml::kShapeFeatureCount) +
                " shape features); got " + std::to_string(inputs.size()) + " values");
  const auto n = static_cast<std::int64_t>(inputs.size() / perMap);
  auto cpu =
      torch::from_blob(const_cast<float*>(inputs.data()), {n, static_cast<std::int64_t>(perMap)}, torch::kFloat32);
  return cpu.to(device, /*non_blocking=*/false, /*copy=*/true);
}

void WaferClassifier::Impl::prepareInference() {
  net->eval();
  inference = device.is_cpu() ? InferenceNetwork::build(*net, card.architecture.kind) : nullptr;
}

namespace {
/// The images under the first k symmetries of the square (underSymmetry), stacked along the batch: the map
/// itself, its half turn, its quarter turns, then the same mirrored.
torch::Tensor underSymmetries(const torch::Tensor& images, int k) {
  static constexpr int kOrder[] = {0, 2, 1, 3, 4, 6, 5, 7};
  std::vector<torch::Tensor> out;
  for (int i = 0; i < k; ++i) out.push_back(underSymmetry(images, kOrder[i]));
  return torch::cat(out, 0);
}
}  // namespace

torch::Tensor WaferClassifier::Impl::embed(const torch::Tensor& inputs) {
  const auto [images, features] = net->split(inputs);
  const auto image = [&](const torch::Tensor& x) { return inference ? inference->image(x) : net->image->forward(x); };
  // Averaged over the card's symmetries of the square: the shape features do not change under them
  // (map_shape_features.h), and the classes do not either, so a turned or mirrored map gets the same
  // embedding, probabilities and neighbours. The last layer is linear, so this averages the logits too.
  const int k = card.symmetries;
  const auto n = images.size(0);
  auto pooled = k == 1 ? image(images) : image(underSymmetries(images, k)).view({k, n, -1}).mean(0);
  return torch::cat({pooled, inference ? inference->featureEmbedding(features) : net->featureEmbedding(features)}, 1);
}

WaferClassifier::WaferClassifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WaferClassifier::WaferClassifier(WaferClassifier&&) noexcept = default;
WaferClassifier& WaferClassifier::operator=(WaferClassifier&&) noexcept = default;
WaferClassifier::~WaferClassifier() = default;

WaferClassifier WaferClassifier::create(const Architecture& architecture, std::uint64_t seed, const std::string& role,
                                        DeviceChoice device, int gridSize) {
  if (gridSize < 4) throw Error("the classifier grid must be at least 4×4 cells");
  keepBlasOnTheCallingThread();
  auto impl = std::make_unique<Impl>();
  impl->device = resolveDevice(device);
  // Initialise on the CPU so that a seed gives the same weights on every device.
  torch::manual_seed(seed);
  impl->net = WaferNet(architecture, ml::kPatternCount, gridSize);
  impl->net->to(impl->device);
  impl->card = ModelCard::forBuild(architecture, gridSize, role);
  impl->card.parameterCount = countParameters(*impl->net);
  impl->card.seed = seed;
  impl->card.libtorchVersion = libtorchVersion();
  impl->prepareInference();
  return WaferClassifier(std::move(impl));
}

WaferClassifier WaferClassifier::load(const std::string& dir, DeviceChoice device) {
  const auto cardPath = (std::filesystem::path(dir) / kCardFile).string();
  auto card = readModelCard(cardPath);
  checkModelCard(card, cardPath);
  const auto weights = (std::filesystem::path(dir) / card.weightsFile).string();
  if (!std::filesystem::exists(weights)) throw Error(cardPath + ": its weights file " + weights + " is missing");
  if (const auto sha = io::sha256OfFile(weights); sha != card.weightsSha256)
    throw Error(weights + " is not the file " + cardPath + " describes (SHA-256 " + sha + ", expected " +
                card.weightsSha256 + "): refusing a mismatched model");
  keepBlasOnTheCallingThread();
  auto impl = std::make_unique<Impl>();
  impl->device = resolveDevice(device);
  impl->net = WaferNet(card.architecture, static_cast<int>(card.classes.size()), card.gridSize);
  if (const auto n = countParameters(*impl->net); n != card.parameterCount)
    throw Error(cardPath + ": the described " + card.architecture.kindName() + " network has " + std::to_string(n) +
                " parameters but the file says " + std::to_string(card.parameterCount) +
                ": refusing a mismatched model");
  try {
    torch::load(impl->net, weights, torch::kCPU);
  } catch (const c10::Error& e) {
    throw Error(weights + " does not hold weights for the network described in " + cardPath +
                ": refusing a mismatched model (" + e.what_without_backtrace() + ")");
  }
  impl->net->to(impl->device);
  std::shared_ptr<const ml::TrainingMapDistance> trainingMaps;
  if (const auto& entry = card.trainingMaps) {
    if (entry->dimensions != static_cast<std::size_t>(impl->net->embeddingSize))
      throw Error(cardPath + ": its training maps have " + std::to_string(entry->dimensions) +
                  " dimensions but the network embeds maps in " + std::to_string(impl->net->embeddingSize) +
                  ": refusing a mismatched model");
    trainingMaps = std::make_shared<const ml::TrainingMapDistance>(readTrainingMapsFile(dir, *entry, cardPath),
                                                                   entry->dimensions, entry->threshold);
  }
  impl->card = std::move(card);
  impl->prepareInference();
  WaferClassifier model(std::move(impl));
  model.trainingMaps_ = std::move(trainingMaps);
  return model;
}

void WaferClassifier::save(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error("cannot create the model folder " + dir + ": " + ec.message());
  auto& card = impl_->card;
  const auto weights = (std::filesystem::path(dir) / card.weightsFile).string();
  try {
    impl_->net->to(torch::kCPU);
    torch::save(impl_->net, weights);
    impl_->net->to(impl_->device);
  } catch (const c10::Error& e) {
    impl_->net->to(impl_->device);
    throw Error("cannot write the weights " + weights + ": " + e.what_without_backtrace());
  }
  card.parameterCount = countParameters(*impl_->net);
  card.libtorchVersion = libtorchVersion();
  card.weightsSha256 = io::sha256OfFile(weights);
  if (trainingMaps_ && card.trainingMaps)
    card.trainingMaps->sha256 = writeTrainingMapsFile((std::filesystem::path(dir) / card.trainingMaps->file).string(),
                                                      trainingMaps_->index().rows());
  writeModelCard(card, (std::filesystem::path(dir) / kCardFile).string());
}

const ModelCard& WaferClassifier::card() const { return impl_->card; }
ModelCard& WaferClassifier::card() { return impl_->card; }
std::int64_t WaferClassifier::parameterCount() const { return countParameters(*impl_->net); }
int WaferClassifier::gridSize() const { return impl_->card.gridSize; }
std::string WaferClassifier::deviceName() const { return impl_->device.str(); }

namespace {
/// The network over the inputs in batches, results on the CPU, row-major:
/// the logits, or with `embedding` the input of the last layer.
std::vector<float> forwardInBatches(WaferClassifier::Impl& impl, std::span<const float> inputs, std::size_t batchSize,
                                    bool embedding) {
  const int g = impl.card.gridSize;
  const auto perMap = ml::classifierInputSize(g);
  std::vector<float> out;
  torch::NoGradGuard noGrad;
  impl.net->eval();
  batchSize = std::max<std::size_t>(1, batchSize);
  // Small batches on the inference network: it gains nothing from large ones, and 256 maps under two
  // symmetries make a 50 MB first activation that the allocator takes from and gives back to the system
  // every batch (a third of classify's time went to page faults).
  if (impl.inference) batchSize = std::min<std::size_t>(batchSize, 32);
  // One thread: per operator, the student's small convolutions take less time than waking a thread pool,
  // and the pool's threads spin while they wait (on a busy machine, the whole run went 2× slower). Left at
  // one afterwards: setting it back rebuilds XNNPACK's pool, whose new threads spin again (classifying a
  // workspace 32 lots at a time spent a fifth of its CPU time so). Training and cpuLatency set their own.
  if (impl.inference && at::get_num_threads() != 1) at::set_num_threads(1);
  for (std::size_t start = 0; start < inputs.size(); start += batchSize * perMap) {
    const auto chunk = inputs.subspan(start, std::min(batchSize * perMap, inputs.size() - start));
    const auto x = inputTensor(chunk, g, impl.device);
    auto y = impl.embed(x);
    if (!embedding) y = impl.net->classifier(y);
    y = y.to(torch::kCPU).contiguous();
    out.insert(out.end(), y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
  }
  return out;
}
}  // namespace

std::vector<float> WaferClassifier::logits(std::span<const float> inputs, std::size_t batchSize) const {
  return forwardInBatches(*impl_, inputs, batchSize, false);
}

std::size_t WaferClassifier::embeddingSize() const { return static_cast<std::size_t>(impl_->net->embeddingSize); }

std::vector<float> WaferClassifier::embeddings(std::span<const float> inputs, std::size_t batchSize) const {
  return forwardInBatches(*impl_, inputs, batchSize, true);
}

std::vector<float> WaferClassifier::embed(std::span<const ml::DieMap> maps) const {
  return embeddings(ml::classifierInputs(maps, gridSize()));
}

std::vector<float> WaferClassifier::probabilities(std::span<const float> inputs, std::size_t batchSize) const {
  auto z = logits(inputs, batchSize);
  const auto n = static_cast<std::int64_t>(z.size() / ml::kPatternCount);
  auto p = torch::softmax(torch::from_blob(z.data(), {n, ml::kPatternCount}, torch::kFloat32), 1).contiguous();
  return {p.data_ptr<float>(), p.data_ptr<float>() + p.numel()};
}

namespace {
/// Class probabilities from embeddings (the last layer, then softmax), n × kPatternCount.
std::vector<float> probabilitiesOfEmbeddings(WaferClassifier::Impl& impl, const std::vector<float>& e) {
  torch::NoGradGuard noGrad;
  const auto d = impl.net->embeddingSize;
  const auto n = static_cast<std::int64_t>(e.size()) / d;
  const auto x = torch::from_blob(const_cast<float*>(e.data()), {n, d}, torch::kFloat32).to(impl.device);
  const auto p = torch::softmax(impl.net->classifier(x), 1).to(torch::kCPU).contiguous();
  return {p.data_ptr<float>(), p.data_ptr<float>() + p.numel()};
}
}  // namespace

std::vector<MapPrediction> WaferClassifier::classify(std::span<const ml::DieMap> maps) const {
  // One pass gives the embeddings (for the distance to the training maps) and the classes from them.
  const auto e = embed(maps);
  const auto p = probabilitiesOfEmbeddings(*impl_, e);
  const auto threshold = uncertaintyThreshold(card());
  std::vector<MapPrediction> out;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    MapPrediction r{maps[i].wafer, maps[i].firstRow, maps[i].dies.size()};
    std::copy_n(p.begin() + i * ml::kPatternCount, ml::kPatternCount, r.probabilities.begin());
    r.pattern = ml::patternFromIndex(
        static_cast<int>(std::max_element(r.probabilities.begin(), r.probabilities.end()) - r.probabilities.begin()));
    // A wafer without a failing die has no failure pattern: "none" by definition, whatever the network says
    // (real training maps always carry some scattered fails, so a spotless wafer lies outside what it saw).
    const bool spotless =
        std::none_of(maps[i].dies.begin(), maps[i].dies.end(), [](const ml::MapDie& d) { return !d.pass; });
    if (spotless) {
      r.probabilities.fill(0.f);
      r.probabilities[ml::patternIndex(ml::WaferPattern::None)] = 1.f;
      r.pattern = ml::WaferPattern::None;
    }
    // Uncertain: low top probability or far from the training maps; a spotless wafer is "none" by definition.
    if (trainingMaps_) {
      const auto d = embeddingSize();
      r.trainingDistance = trainingMaps_->nearestDistance(std::span<const float>(e).subspan(i * d, d));
      r.farFromTrainingMaps = !spotless && trainingMaps_->far(*r.trainingDistance);
    }
    r.lowTopProbability = threshold && r.topProbability() < *threshold;
    r.uncertain = r.lowTopProbability || r.farFromTrainingMaps;
    out.push_back(r);
  }
  return out;
}

namespace {
double threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
}  // namespace

CpuLatency WaferClassifier::cpuLatency(int iterations, int threads) const {
  const TorchThreads scoped(threads);
  const bool moved = impl_->device != torch::kCPU;
  if (moved) impl_->net->to(torch::kCPU);
  impl_->net->eval();
  const int g = gridSize();
  // A fixed, plausible input: the value of a convolution does not change its cost.
  const auto x = torch::full({1, static_cast<std::int64_t>(ml::classifierInputSize(g))}, 1.0f / 3);
  const int n = std::max(1, iterations);
  CpuLatency latency{};
  {
    c10::InferenceMode inference;
    // What classify runs per map: the embedding (the inference network where it applies), the last layer.
    const auto forward = [&] { return impl_->net->classifier(impl_->embed(x)); };
    for (int i = 0; i < 20; ++i) forward();
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = threadCpuMs();
    for (int i = 0; i < n; ++i) forward();
    latency.threadCpuMs = (threadCpuMs() - cpu0) / n;
    latency.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0).count() / n;
  }
  if (moved) impl_->net->to(impl_->device);
  return latency;
}

}  // namespace fab::models
