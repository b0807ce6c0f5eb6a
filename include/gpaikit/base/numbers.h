// Numbers as the law states them: significant figures, powers of ten, counts with SI-style
// suffixes.
#ifndef GPAIKIT_BASE_NUMBERS_H_
#define GPAIKIT_BASE_NUMBERS_H_

#include <optional>
#include <string>
#include <string_view>

namespace gpaikit {

// `value` rounded to `figures` significant figures (value 0 stays 0).
double RoundSignificant(double value, int figures);

// "2.3x10^25" for (2.34e25, 2): mantissa with exactly `figures` significant figures and a
// power of ten, the notation of the Guidelines' notification format (section 2.3, para. 31).
// Values below 1000 are printed plainly ("350").
std::string FormatPowerOfTen(double value, int figures);

// Same value as a plain scientific literal: "2.3e+25".
std::string FormatScientific(double value, int figures);

// Parses a non-negative quantity: "7000000000", "7e9", "7.2B", "1.5T", "300M", "12k".
// Suffixes k/K (1e3), M (1e6), B/G (1e9), T (1e12), P (1e15), E (1e18). nullopt if malformed.
std::optional<double> ParseQuantity(std::string_view text);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_NUMBERS_H_
