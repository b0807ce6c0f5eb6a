// CSV for the desk's export (RFC 4180) with cells safe to open in a spreadsheet: a text that
// starts with =, +, -, @, TAB or CR is prefixed with ' so that it is not run as a formula (OWASP
// "CSV injection"); and the reader that tests and the fuzzer use to read it back.
#ifndef GPAIKIT_PORTAL_DESK_CSV_H_
#define GPAIKIT_PORTAL_DESK_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::portal {

using CsvRow = std::vector<std::string>;

// The cell as written: neutralised (a leading ' before =, +, -, @, TAB, CR) and quoted when it
// holds a comma, a quote, CR or LF or was neutralised, quotes doubled (RFC 4180 2.5-2.7).
std::string CsvCell(std::string_view text);
// The text a spreadsheet shows for a cell that CsvCell wrote from `text`: `text` itself, or `'`
// followed by it when it starts with a formula character.
std::string CsvShownText(std::string_view text);
// Header and rows, each record ending in CRLF (RFC 4180 2.1, 2.3).
std::string CsvDocument(const CsvRow& header, const std::vector<CsvRow>& rows);

// Reads an RFC 4180 document (CRLF or LF record ends, quoted fields with doubled quotes).
// InvalidInput naming `name` and line:column for a quote inside an unquoted field, text after a
// closing quote, or a quoted field left open.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view name);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_CSV_H_
