// Tests for significant-figure formatting (Guidelines para. 31 notification format) and quantities.
#include "gpaikit/base/numbers.h"

#include <gtest/gtest.h>

namespace gpaikit {
namespace {

TEST(NumbersTest, FormatsTwoSignificantFiguresAsPowerOfTen) {
  EXPECT_EQ(FormatPowerOfTen(2.34e25, 2), "2.3x10^25");
  EXPECT_EQ(FormatPowerOfTen(2.36e25, 2), "2.4x10^25");
  EXPECT_EQ(FormatPowerOfTen(1e25, 2), "1.0x10^25");
  EXPECT_EQ(FormatPowerOfTen(9.96e24, 2), "1.0x10^25");  // carry into the next decade
  EXPECT_EQ(FormatPowerOfTen(7.524e22, 2), "7.5x10^22");
  EXPECT_EQ(FormatPowerOfTen(356, 2), "360");
  EXPECT_EQ(FormatPowerOfTen(0, 2), "0");
}

TEST(NumbersTest, RoundsToSignificantFigures) {
  EXPECT_DOUBLE_EQ(RoundSignificant(1.663e23, 2), 1.7e23);
  EXPECT_DOUBLE_EQ(RoundSignificant(6.587e23, 2), 6.6e23);
  EXPECT_DOUBLE_EQ(RoundSignificant(123456, 3), 123000);
  EXPECT_DOUBLE_EQ(RoundSignificant(0, 2), 0);
}

TEST(NumbersTest, ParsesQuantitiesWithSuffixes) {
  EXPECT_DOUBLE_EQ(*ParseQuantity("7.2B"), 7.2e9);
  EXPECT_DOUBLE_EQ(*ParseQuantity("1.5T"), 1.5e12);
  EXPECT_DOUBLE_EQ(*ParseQuantity("300M"), 3e8);
  EXPECT_DOUBLE_EQ(*ParseQuantity("12k"), 12e3);
  EXPECT_DOUBLE_EQ(*ParseQuantity("6e9"), 6e9);
  EXPECT_DOUBLE_EQ(*ParseQuantity(" 42 "), 42);
  EXPECT_FALSE(ParseQuantity("").has_value());
  EXPECT_FALSE(ParseQuantity("7 billion").has_value());
  EXPECT_FALSE(ParseQuantity("-3").has_value());
  EXPECT_FALSE(ParseQuantity("B").has_value());
}

}  // namespace
}  // namespace gpaikit
