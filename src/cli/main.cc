// gpaikit command-line entry point: parses the subcommand and maps failures to exit codes.
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/version_text.h"
#include "gpaikit/base/files.h"

int main(int argc, char** argv) {
  CLI::App app{"gpaikit: EU AI Act and GPAI Code of Practice compliance for model providers"};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version", [] { return gpaikit::cli::VersionText(gpaikit::DataDir()); },
      "Print the version and the versions of the installed data files (rulepacks, "
      "Code of Practice, forms, crawler registry, accelerators, holidays)");
  int exit_code = gpaikit::cli::kExitOk;
  gpaikit::cli::RegisterInitCommand(app, exit_code);
  gpaikit::cli::RegisterComputeCommand(app, exit_code);
  gpaikit::cli::RegisterCheckCommand(app, exit_code);
  gpaikit::cli::RegisterObligationsCommand(app, exit_code);
  gpaikit::cli::RegisterRobotsCommand(app, exit_code);
  gpaikit::cli::RegisterOptoutCommand(app, exit_code);
  gpaikit::cli::RegisterDocsCommand(app, exit_code);
  gpaikit::cli::RegisterPublishCommand(app, exit_code);
  gpaikit::cli::RegisterLedgerCommand(app, exit_code);
  gpaikit::cli::RegisterRequestCommand(app, exit_code);
  gpaikit::cli::RegisterImportCommand(app, exit_code);
  gpaikit::cli::RegisterExportCommand(app, exit_code);
  gpaikit::cli::RegisterLawCommand(app, exit_code);
  gpaikit::cli::RegisterCorpusCommand(app, exit_code);
  gpaikit::cli::RegisterIncidentCommand(app, exit_code);
  gpaikit::cli::RegisterSummaryCommand(app, exit_code);
  gpaikit::cli::RegisterEnergyCommand(app, exit_code);
  gpaikit::cli::RegisterEvidenceCommand(app, exit_code);
  gpaikit::cli::RegisterServeCommand(app, exit_code);
  // After the subcommands: each sets its own footer rather than inheriting this one.
  gpaikit::cli::SetHelpFooter(&app, {"gpaikit check -C my-project --format html --out report"});
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? gpaikit::cli::kExitOk : gpaikit::cli::kExitInvalidInput;
  } catch (const std::exception& error) {
    std::cerr << "gpaikit: internal error: " << error.what() << "\n";
    return gpaikit::cli::kExitInternal;
  }
  return exit_code;
}
