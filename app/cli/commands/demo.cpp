// fabkit-cli demo: build the demo workspace headless (the one the GUI builds on first start).
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/output.h"
#include "core/demo/demo_workspace.h"

namespace fab::cli {
namespace {

int run(const Args& args) {
  const auto path = args.value("workspace");
  if (auto folder = args.optional("files")) {
    demo::writeDemoFiles(*folder);
    std::cerr << "wrote the demo CSV files to " << *folder << "\n";
  }
  demo::buildDemoWorkspace(path);
  if (args.json()) printJson({{"workspace", path}, {"status", "ok"}});
  else std::cout << "built the demo workspace " << path << "\n";
  return 0;
}

const Registration registration{Command{"demo",
                                        "build the demo workspace (three products, 40 lots, a drift, a step change)",
                                        "",
                                        "",
                                        {workspaceOption(),
                                         {"files", "FOLDER", "also write the generated CSV files to FOLDER"},
                                         jsonOption()},
                                        run}};

}  // namespace
}  // namespace fab::cli
