// The footer of every command's --help: example command lines and the exit codes (DESIGN.md
// "Interfaces"), so that each --help answers "how do I call it" and "what does the exit mean".
#ifndef GPAIKIT_CLI_HELP_FOOTER_H_
#define GPAIKIT_CLI_HELP_FOOTER_H_

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>

namespace gpaikit::cli {

// Sets `command`'s --help footer: "Example:" with each of `examples` (full command lines), then
// the exit code table.
void SetHelpFooter(CLI::App* command, std::initializer_list<std::string> examples);

// The exit code table, as printed in every --help and in README.md.
const std::string& ExitCodesHelp();

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_HELP_FOOTER_H_
