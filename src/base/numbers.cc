// Significant-figure rounding and formatting, and quantity parsing with magnitude suffixes.
#include "gpaikit/base/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace gpaikit {
namespace {

// Splits value into mantissa in [1, 10) rounded to `figures` and its exponent.
void Decompose(double value, int figures, double* mantissa, int* exponent) {
  int e = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  double scale = std::pow(10.0, figures - 1);
  double m = std::round(value / std::pow(10.0, e) * scale) / scale;
  if (std::fabs(m) >= 10.0) {  // rounding carried into the next decade (9.96 -> 10)
    m /= 10.0;
    ++e;
  }
  *mantissa = m;
  *exponent = e;
}

}  // namespace

double RoundSignificant(double value, int figures) {
  if (value == 0.0 || !std::isfinite(value)) return value;
  double mantissa;
  int exponent;
  Decompose(value, figures, &mantissa, &exponent);
  return mantissa * std::pow(10.0, exponent);
}

std::string FormatPowerOfTen(double value, int figures) {
  if (value == 0.0 || !std::isfinite(value)) return value == 0.0 ? "0" : "n/a";
  if (std::fabs(value) < 1000.0) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", RoundSignificant(value, figures));
    return buffer;
  }
  double mantissa;
  int exponent;
  Decompose(value, figures, &mantissa, &exponent);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*fx10^%d", figures - 1, mantissa, exponent);
  return buffer;
}

std::string FormatScientific(double value, int figures) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", figures - 1, value);
  return buffer;
}

std::optional<double> ParseQuantity(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  double multiplier = 1.0;
  switch (text.back()) {
    case 'k':
    case 'K':
      multiplier = 1e3;
      break;
    case 'M':
      multiplier = 1e6;
      break;
    case 'B':
    case 'G':
      multiplier = 1e9;
      break;
    case 'T':
      multiplier = 1e12;
      break;
    case 'P':
      multiplier = 1e15;
      break;
    case 'E':
      multiplier = 1e18;
      break;
    default:
      break;
  }
  if (multiplier != 1.0) text.remove_suffix(1);
  double value = 0.0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value) || value < 0.0) return std::nullopt;
  return value * multiplier;
}

}  // namespace gpaikit
