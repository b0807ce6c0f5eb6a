// The gpaikit subcommands: each file src/cli/<name>_command.cc registers one with CLI11.
#ifndef GPAIKIT_CLI_COMMANDS_H_
#define GPAIKIT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace gpaikit::cli {

// Each Register function adds its subcommand to `app`; when the subcommand runs, its callback
// stores the process exit code (DESIGN.md "Interfaces": 0, 1, 2 or 70) in `exit_code`.
void RegisterInitCommand(CLI::App& app, int& exit_code);
void RegisterComputeCommand(CLI::App& app, int& exit_code);
void RegisterCheckCommand(CLI::App& app, int& exit_code);
void RegisterObligationsCommand(CLI::App& app, int& exit_code);
void RegisterRobotsCommand(CLI::App& app, int& exit_code);
void RegisterOptoutCommand(CLI::App& app, int& exit_code);
void RegisterDocsCommand(CLI::App& app, int& exit_code);
void RegisterPublishCommand(CLI::App& app, int& exit_code);
void RegisterLedgerCommand(CLI::App& app, int& exit_code);
void RegisterRequestCommand(CLI::App& app, int& exit_code);
void RegisterImportCommand(CLI::App& app, int& exit_code);
void RegisterExportCommand(CLI::App& app, int& exit_code);
void RegisterLawCommand(CLI::App& app, int& exit_code);
void RegisterCorpusCommand(CLI::App& app, int& exit_code);
void RegisterIncidentCommand(CLI::App& app, int& exit_code);
void RegisterSummaryCommand(CLI::App& app, int& exit_code);
void RegisterEnergyCommand(CLI::App& app, int& exit_code);
void RegisterEvidenceCommand(CLI::App& app, int& exit_code);
void RegisterServeCommand(CLI::App& app, int& exit_code);
// `gpaikit serve user add|list|disable` (serve_user_command.cc), under `serve`.
void RegisterServeUserCommands(CLI::App& serve, int& exit_code);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_COMMANDS_H_
