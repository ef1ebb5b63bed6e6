#include "ui/navigator/navigator_snapshot.h"

#include "core/store/database.h"

namespace fab::ui {

NavigatorSnapshot loadNavigatorSnapshot(const std::string& workspacePath) {
  store::Database db(workspacePath, store::Database::Mode::ReadOnly);
  NavigatorSnapshot s;
  s.batches = store::listImportBatches(db);
  s.lots = store::listLots(db);
  s.parameters = store::listParameters(db);
  s.products = store::listProducts(db);
  s.gaugeStudies = msa::listGaugeStudies(db);
  return s;
}

}  // namespace fab::ui
