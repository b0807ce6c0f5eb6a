// libFuzzer target for the desk's CSV: arbitrary cells (the input split at 0x1F bytes, rows at
// 0x1E) written as a document must read back cell for cell as a spreadsheet would show them, and
// no cell may start with a formula character; arbitrary bytes given to the reader must give rows
// or an error with a place, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "portal/desk_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)gpaikit::portal::ParseCsv(input, "fuzz.csv");
  std::vector<gpaikit::portal::CsvRow> rows(1);
  std::string cell;
  for (char c : input) {
    if (c == '\x1f') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\x1e') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
    }
  }
  rows.back().push_back(std::move(cell));
  std::string document = gpaikit::portal::CsvDocument({"header"}, rows);
  auto read = gpaikit::portal::ParseCsv(document, "written.csv");
  if (!read.ok() || read->size() != rows.size() + 1) std::abort();
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& back = (*read)[r + 1];
    if (back.size() != rows[r].size()) std::abort();
    for (size_t c = 0; c < back.size(); ++c) {
      if (back[c] != gpaikit::portal::CsvShownText(rows[r][c])) std::abort();
      if (!back[c].empty() &&
          std::string_view("=+-@\t\r").find(back[c][0]) != std::string_view::npos) {
        std::abort();
      }
    }
  }
  return 0;
}
