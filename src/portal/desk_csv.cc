// RFC 4180 CSV writing with formula-injection-safe cells, and its strict reader.
#include "portal/desk_csv.h"

namespace gpaikit::portal {
namespace {

bool StartsLikeAFormula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

}  // namespace

std::string CsvShownText(std::string_view text) {
  // Built by reserve and append: `"'" + std::string(text)` trips GCC 12's -Wrestrict at -O3.
  std::string shown;
  shown.reserve(text.size() + 1);
  if (StartsLikeAFormula(text)) shown.push_back('\'');
  shown.append(text);
  return shown;
}

std::string CsvCell(std::string_view text) {
  std::string shown = CsvShownText(text);
  bool quote = shown.size() != text.size() || shown.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return shown;
  std::string cell = "\"";
  for (char c : shown) {
    if (c == '"') cell += '"';
    cell += c;
  }
  cell += '"';
  return cell;
}

std::string CsvDocument(const CsvRow& header, const std::vector<CsvRow>& rows) {
  std::string out;
  auto write = [&out](const CsvRow& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvCell(row[i]);
    }
    out += "\r\n";
  };
  write(header);
  for (const CsvRow& row : rows) write(row);
  return out;
}

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view name) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  size_t line = 1;
  size_t column = 1;
  size_t i = 0;
  auto error = [&](const std::string& what) {
    return Status::InvalidInput(std::string(name) + ":" + std::to_string(line) + ":" +
                                std::to_string(column) + ": " + what);
  };
  while (i < text.size()) {
    // One field.
    if (text[i] == '"') {
      size_t open_line = line;
      size_t open_column = column;
      ++i;
      ++column;
      while (true) {
        if (i >= text.size()) {
          line = open_line;
          column = open_column;
          return error("quoted field is not closed");
        }
        char c = text[i];
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            column += 2;
            continue;
          }
          ++i;
          ++column;
          break;
        }
        field += c;
        ++i;
        if (c == '\n') {
          ++line;
          column = 1;
        } else {
          ++column;
        }
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return error("expected a comma or the end of the record after a closing quote");
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return error("a quote inside an unquoted field");
        field += text[i];
        ++i;
        ++column;
      }
    }
    row.push_back(std::move(field));
    field.clear();
    if (i >= text.size()) break;
    if (text[i] == ',') {
      ++i;
      ++column;
      if (i == text.size()) row.emplace_back();
      continue;
    }
    // A record end: CRLF or LF.
    if (text[i] == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') return error("CR without LF");
      ++i;
    }
    ++i;
    ++line;
    column = 1;
    rows.push_back(std::move(row));
    row.clear();
  }
  if (!row.empty()) rows.push_back(std::move(row));
  return rows;
}

}  // namespace gpaikit::portal
