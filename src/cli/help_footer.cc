// The --help footer (examples and exit codes) shared by every gpaikit command.
#include "cli/help_footer.h"

#include "cli/exit_codes.h"

namespace gpaikit::cli {

const std::string& ExitCodesHelp() {
  static const std::string text =
      "Exit codes:\n"
      "  " +
      std::to_string(kExitOk) +
      "   completed, nothing blocking\n"
      "  " +
      std::to_string(kExitBlocking) +
      "   completed with findings (blocking gaps, overdue items, disallowed URLs, bad records)\n"
      "  " +
      std::to_string(kExitInvalidInput) +
      "   invalid input or usage (the message names the file and place)\n"
      "  " +
      std::to_string(kExitInternal) + "  internal error (a bug in gpaikit)\n";
  return text;
}

void SetHelpFooter(CLI::App* command, std::initializer_list<std::string> examples) {
  std::string footer = examples.size() == 1 ? "Example:\n" : "Examples:\n";
  for (const std::string& example : examples) footer += "  " + example + "\n";
  command->footer(footer + "\n" + ExitCodesHelp());
}

}  // namespace gpaikit::cli
