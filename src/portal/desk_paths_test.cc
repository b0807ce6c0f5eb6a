// Unit tests of the desk's path, filter and time parsers (desk_paths.h).
#include "portal/desk_paths.h"

#include <gtest/gtest.h>

namespace gpaikit::portal {
namespace {

TEST(DeskPathsTest, CasePathsAndTheirActions) {
  std::string tracking, action;
  EXPECT_TRUE(ParseCasePath("/desk/case/C-2026-000001", tracking, action));
  EXPECT_EQ(tracking, "C-2026-000001");
  EXPECT_EQ(action, "");
  for (std::string_view known : kDeskCaseActions) {
    EXPECT_TRUE(ParseCasePath("/desk/case/R-2026-000002/" + std::string(known), tracking, action));
    EXPECT_EQ(tracking, "R-2026-000002");
    EXPECT_EQ(action, known);
  }
  const std::string hash(64, 'a');
  EXPECT_TRUE(ParseCasePath("/desk/case/C-1/evidence/" + hash, tracking, action));
  EXPECT_EQ(EvidenceHashOfAction(action), hash);
}

TEST(DeskPathsTest, RefusesOtherPaths) {
  std::string tracking = "kept", action = "kept";
  for (const char* path :
       {"/desk/case/", "/desk/case/c-2026-1", "/desk/case/C-1/", "/desk/case/C-1/delete",
        "/desk/case/C-1/assign/", "/desk/case/C-1/evidence/..%2fportal.sqlite",
        "/desk/case/C-1/evidence/", "/desk/case/../x", "/desk/cases/C-1", "/desk/case/C 1",
        "/desk/case/C-123456789012345678901234567890123"}) {
    EXPECT_FALSE(ParseCasePath(path, tracking, action)) << path;
  }
  EXPECT_EQ(tracking, "kept");  // a refused path leaves the outputs alone
  EXPECT_EQ(action, "kept");
  EXPECT_EQ(EvidenceHashOfAction("evidence/" + std::string(64, 'A')), "");
  EXPECT_EQ(EvidenceHashOfAction("evidence/" + std::string(63, 'a')), "");
  EXPECT_EQ(EvidenceHashOfAction("evidence/" + std::string(65, 'a')), "");
}

TEST(DeskPathsTest, QueueFilters) {
  EXPECT_EQ(ParseQueueFilter("", "").show, "open");
  EXPECT_EQ(ParseQueueFilter("", "open").show, "open");
  EXPECT_EQ(ParseQueueFilter("", "all").show, "all");
  EXPECT_EQ(ParseQueueFilter("", "duplicate").show, "duplicate");
  EXPECT_EQ(ParseQueueFilter("", "<script>").show, "all");
  EXPECT_EQ(ParseQueueFilter("complaint", "").kind, "complaint");
  EXPECT_EQ(ParseQueueFilter("request", "").kind, "request");
  EXPECT_EQ(ParseQueueFilter("requests", "").kind, "");
}

TEST(DeskPathsTest, UtcTimes) {
  EXPECT_EQ(ParseUtcTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseUtcTime("2026-12-07T01:02:03Z"), 1796605323);
  EXPECT_EQ(ParseUtcTime("2024-02-29T23:59:59Z"), 1709251199);
  for (const char* bad : {"2026-12-07T01:02:03", "2026-12-07 01:02:03Z", "2026-02-30T00:00:00Z",
                          "2026-12-07T24:00:00Z", "2026-12-07T00:60:00Z", "2026-12-07T00:00:60Z",
                          "2026-12-07T0a:00:00Z", "2026-12-07T01:02:03+01:00", ""}) {
    EXPECT_FALSE(ParseUtcTime(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace gpaikit::portal
