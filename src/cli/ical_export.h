// Exports obligation due dates as an iCalendar (RFC 5545) file, one all-day event each.
#ifndef GPAIKIT_CLI_ICAL_EXPORT_H_
#define GPAIKIT_CLI_ICAL_EXPORT_H_

#include <string>

#include "cli/cli_common.h"

namespace gpaikit::cli {

// A VCALENDAR with one VEVENT per applicable obligation that has a due date (and one per
// retention end and next summary update); UIDs are stable across runs.
std::string ObligationsCalendar(const AssessedProject& context);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_ICAL_EXPORT_H_
