// Tests of LocateJsonError: syntax errors get a byte offset, overflowing numbers a reason only.
#include "gpaikit/base/json_error.h"

#include <gtest/gtest.h>

namespace gpaikit {
namespace {

TEST(LocateJsonError, ValidTextHasNoReason) {
  JsonError error = LocateJsonError(R"({"a": [1, 2]})");
  EXPECT_EQ(error.reason, "");
  EXPECT_EQ(error.offset, JsonError::npos);
}

TEST(LocateJsonError, SyntaxErrorNamesTheByte) {
  // The parser stops at the '}' (offset 6) where a value was expected.
  JsonError error = LocateJsonError(R"({"a": })");
  EXPECT_EQ(error.offset, 6u);
  EXPECT_NE(error.reason.find("unexpected '}'"), std::string::npos) << error.reason;
  EXPECT_EQ(error.reason.find("json.exception"), std::string::npos) << error.reason;
}

// The fuzzer's find (CI, energy_records_fuzzer): a number beyond a double is an out_of_range
// exception, not a parse_error; it must be reported, not thrown.
TEST(LocateJsonError, NumberTooLargeIsReportedWithoutAPlace) {
  JsonError error = LocateJsonError("66666666666666e66666");
  EXPECT_EQ(error.offset, JsonError::npos);
  EXPECT_NE(error.reason.find("number overflow"), std::string::npos) << error.reason;
}

TEST(LocateJsonError, TruncatedTextNamesTheEnd) {
  JsonError error = LocateJsonError(R"({"a": [1)");
  EXPECT_EQ(error.offset, 8u);
  EXPECT_FALSE(error.reason.empty());
}

}  // namespace
}  // namespace gpaikit
