#include "ui/report/wafer_pattern_section.h"

#include <gtest/gtest.h>

#include "models/classifier/pretrained_model.h"
#include "models/classifier/wafer_classifier.h"
#include "tests/ui/classifier/planted_workspace.h"
#include "ui/report/report_request.h"

namespace fab::ui::report {
namespace {

const Table* patternTable(const ReportDocument& doc, std::size_t nth) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const auto* h = std::get_if<Heading>(&doc.blocks[i]);
    if (!h || h->text != "Wafer patterns") continue;
    if (seen++ != nth) continue;
    for (std::size_t j = i + 1; j < doc.blocks.size() && !std::holds_alternative<Heading>(doc.blocks[j]); ++j)
      if (const auto* t = std::get_if<Table>(&doc.blocks[j])) return t;
    return nullptr;
  }
  return nullptr;
}

TEST(WaferPatternSection, YieldReportListsEachWafersPatternByDefault) {
  const test::PlantedWorkspace ws;
  ReportRequest request;
  request.workspace = QString::fromStdString(ws.path());
  request.type = ReportType::Yield;
  const auto doc = buildReport(request);
  const Table* p1 = patternTable(doc, 0);
  const Table* p2 = patternTable(doc, 1);
  ASSERT_NE(p1, nullptr);
  ASSERT_NE(p2, nullptr);
  ASSERT_EQ(p1->rows.size(), 9u);
  ASSERT_EQ(p2->rows.size(), 3u);
  EXPECT_EQ(p1->headers, QStringList({"wafer", "dies", "pattern", "probability", "runner-up"}));
  for (std::size_t i = 0; i < p1->rows.size(); ++i) {
    EXPECT_EQ(p1->rows[i][0].text, QString::number(i + 1));
    EXPECT_EQ(p1->rows[i][1].text, QString::number(ws.wafers()[i].map.map.dies.size()));
    // A pattern's name, or "uncertain (NAME?)" below the card's threshold (models/classifier/model_card.h).
    QString name = p1->rows[i][2].text;
    if (name.startsWith("uncertain (")) name = name.mid(11).chopped(2);
    EXPECT_TRUE(ml::patternFromName(name.toStdString())) << p1->rows[i][2].text.toStdString();
    EXPECT_TRUE(p1->rows[i][3].text.endsWith(" %"));
  }
  // The first planted wafer is a centre pattern (map 0 of the generator).
  EXPECT_EQ(p1->rows[0][2].text, "center");
  // The legend states the model's uncertainty rules: low top probability, and far from the training maps
  // when the model keeps them.
  const auto card = models::WaferClassifier::load(models::pretrainedModelDir(), models::DeviceChoice::Cpu).card();
  const auto rules = QString::fromStdString(models::uncertaintyRules(card));
  ASSERT_FALSE(rules.isEmpty());
  bool legend = false;
  for (const auto& b : doc.blocks)
    if (const auto* p = std::get_if<Paragraph>(&b); p && p->text.contains("Named by the wafer-map classifier"))
      legend = p->text.contains("\"uncertain\": " + rules);
  EXPECT_TRUE(legend) << rules.toStdString();
  if (card.trainingMaps) EXPECT_TRUE(rules.contains("nearest training map farther than"));

  request.waferPatterns = false;
  EXPECT_EQ(patternTable(buildReport(request), 0), nullptr);
}

TEST(WaferPatternSection, AModelThatCannotBeLoadedIsExplainedNotFatal) {
  const test::PlantedWorkspace ws;
  ReportRequest request;
  request.workspace = QString::fromStdString(ws.path());
  request.type = ReportType::Yield;
  request.patternModel = "/nonexistent/model";
  const auto doc = buildReport(request);
  EXPECT_EQ(patternTable(doc, 0), nullptr);
  bool explained = false;
  for (const auto& b : doc.blocks)
    if (const auto* p = std::get_if<Paragraph>(&b))
      explained |= p->text.startsWith("Wafer patterns: the classifier could not be loaded");
  EXPECT_TRUE(explained);
}

}  // namespace
}  // namespace fab::ui::report
