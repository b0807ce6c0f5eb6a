// Derived Form values and number rules: range bins, orders of magnitude, significant figures and
// word counts (Code of Practice, Transparency, Measure 1.1; Form spec section 1.6 "Derived
// values").
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "gpaikit/base/numbers.h"
#include "gpaikit/docs/docs.h"

namespace gpaikit::docs {

const char* RowStatusName(RowStatus status) {
  switch (status) {
    case RowStatus::kFilled:
      return "filled";
    case RowStatus::kDerived:
      return "derived";
    case RowStatus::kMissing:
      return "missing";
    case RowStatus::kNotRequired:
      return "not-required";
    case RowStatus::kInvalid:
      return "invalid";
  }
  return "missing";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "note";
}

const RowValue* ModelDocumentation::Find(std::string_view row) const {
  for (const RowValue& value : rows)
    if (value.row->id == row) return &value;
  return nullptr;
}

int ModelDocumentation::Errors() const {
  int errors = 0;
  for (const Finding& finding : findings) errors += finding.severity == Severity::kError;
  return errors;
}

// The Form shares bin boundaries between neighbours; gpaikit puts a boundary value in the upper
// bin (lower bound included, upper bound excluded), documented in docs/documentation.md.
const law::form::Bin* BinFor(const law::form::Kind& kind, double value) {
  for (const law::form::Bin& bin : kind.bins) {
    if (bin.min && value < *bin.min) continue;
    if (bin.max && value >= *bin.max) continue;
    return &bin;
  }
  return nullptr;
}

int OrderOfMagnitude(double value) {
  if (value <= 0) return 0;
  int exponent = static_cast<int>(std::floor(std::log10(value)));
  // Guard against log10 rounding just below an exact power of ten.
  if (std::pow(10.0, exponent + 1) <= value) ++exponent;
  return exponent;
}

int SignificantFigures(std::string_view literal) {
  size_t end = 0;
  while (end < literal.size() &&
         (std::isdigit(static_cast<unsigned char>(literal[end])) || literal[end] == '.')) {
    ++end;
  }
  std::string_view mantissa = literal.substr(0, end);
  bool has_point = mantissa.find('.') != std::string_view::npos;
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return digits.empty() ? 0 : 1;
  digits = digits.substr(first);
  // Trailing zeros of an integer without a point are not significant ("3000" has 1).
  if (!has_point) {
    size_t last = digits.find_last_not_of('0');
    digits = digits.substr(0, last + 1);
  }
  return static_cast<int>(digits.size());
}

std::string FormFigure(double value, int figures) {
  if (figures < 1) figures = 1;
  double rounded = RoundSignificant(value, figures);
  if (rounded == 0 || !std::isfinite(rounded)) return "0";
  int exponent = OrderOfMagnitude(std::fabs(rounded));
  double mantissa = rounded / std::pow(10.0, exponent);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", figures - 1, mantissa);
  std::string out = buffer;
  if (exponent != 0) out += "x10^" + std::to_string(exponent);
  return out;
}

int ExactFigures(double value, int minimum) {
  constexpr int kMostFigures = 15;  // what a double holds
  for (int figures = std::max(minimum, 1); figures < kMostFigures; ++figures) {
    if (std::fabs(RoundSignificant(value, figures) - value) <= std::fabs(value) * 1e-12) {
      return figures;
    }
  }
  return kMostFigures;
}

int WordCount(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace gpaikit::docs
