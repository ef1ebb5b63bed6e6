#pragma once
// Where the kappa and grr commands get their gauge study: a CSV file (--csv with
// the column options) or a study saved in a workspace (--workspace W --study NAME).
// --save NAME also stores a CSV study in the workspace.
#include <iostream>
#include <vector>

#include "app/cli/command.h"
#include "core/msa/gauge_csv.h"
#include "core/msa/gauge_store.h"
#include "core/store/workspace.h"

namespace fab::cli {

inline std::vector<OptionSpec> gaugeStudySourceOptions() {
  return {workspaceOption(),
          {"study", "NAME", "analyse the gauge study NAME saved in the workspace instead of a CSV file"},
          {"save", "NAME", "also save the CSV study in the workspace as NAME"},
          {"replace", "", "with --save: replace a study of the same name"}};
}

inline msa::GaugeStudy gaugeStudyFromArgs(const Args& args, msa::GaugeStudyKind kind,
                                          const msa::GaugeCsvColumns& columns) {
  const bool fromCsv = args.has("csv"), fromWorkspace = args.has("study");
  if (fromCsv == fromWorkspace) throw UsageError{"give either --csv FILE or --study NAME (with --workspace)"};
  if (fromWorkspace) {
    if (args.has("save")) throw UsageError{"--save stores a CSV study; the study already is in the workspace"};
    auto ws = store::Workspace::open(args.value("workspace"));
    return msa::loadGaugeStudy(ws.db(), args.value("study"));
  }
  auto study = msa::readGaugeCsv(args.value("csv"), columns, kind);
  if (args.has("tolerance")) study.tolerance = args.number("tolerance");
  if (auto name = args.optional("save")) {
    study.name = *name;
    auto ws = store::Workspace::openOrCreate(args.value("workspace"));
    msa::saveGaugeStudy(ws.db(), study, args.has("replace"));
    std::cerr << "saved gauge study '" << *name << "' (" << study.ratings.size() << " ratings) in "
              << args.value("workspace") << "\n";
  } else if (args.has("replace")) {
    throw UsageError{"--replace goes with --save NAME"};
  }
  return study;
}

}  // namespace fab::cli
