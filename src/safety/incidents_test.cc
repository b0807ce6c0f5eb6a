// Serious incidents folded from the hash-chained log and their clocks (Code of Practice, Safety
// and Security, Measures 9.2-9.4): next report due, overdue, final report, retention, template.
#include <gtest/gtest.h>

#include "safety/safety_test_util.h"

namespace gpaikit::safety {
namespace {

using testing::Calendar;
using testing::Code;
using testing::D;

store::Entry E(int64_t seq, const std::string& kind, const std::string& subject,
               const std::string& content, const std::string& time = "2026-11-10T09:00:00Z") {
  store::Entry entry;
  entry.seq = seq;
  entry.kind = kind;
  entry.subject = subject;
  entry.content = content;
  entry.time = time;
  return entry;
}

TEST(IncidentsTest, FoldsOpenUpdateResolve) {
  std::vector<store::Entry> log = {
      E(1, "mdf.version", "m", "{}"),
      E(2, "incident.open", "incident/1",
        R"({"aware":"2026-11-02","items":{"model":"m"},"model":"m","type":"death"})"),
      E(3, "incident.update", "incident/1",
        R"({"items":{"harm":"one person"},"report":"initial","submitted":"2026-11-10"})"),
      E(4, "incident.resolve", "incident/1", R"({"resolved":"2026-11-20"})",
        "2026-11-21T10:00:00Z")};
  Result<std::vector<Incident>> incidents = FoldIncidents(log);
  ASSERT_TRUE(incidents.ok()) << incidents.status().message();
  ASSERT_EQ(incidents->size(), 1u);
  const Incident& incident = incidents->front();
  EXPECT_EQ(incident.type, "death");
  EXPECT_EQ(incident.items.at("harm"), "one person");
  ASSERT_EQ(incident.reports.size(), 1u);
  EXPECT_EQ(incident.resolved, D("2026-11-20"));
  EXPECT_EQ(incident.last_documented, D("2026-11-21"));
  EXPECT_EQ(incident.entries, (std::vector<int64_t>{2, 3, 4}));
}

TEST(IncidentsTest, RejectsUpdatesOfUnknownIncidentsAndBadDates) {
  EXPECT_FALSE(FoldIncidents({E(1, "incident.update", "incident/1", "{}")}).ok());
  EXPECT_FALSE(FoldIncidents({E(1, "incident.open", "incident/1",
                                R"({"aware":"2026-02-30","model":"m","type":"death"})")})
                   .ok());
  EXPECT_FALSE(FoldIncidents({E(1, "incident.open", "incident/2",
                                R"({"aware":"2026-02-03","model":"m","type":"death"})")})
                   .ok());
}

TEST(IncidentsTest, InitialThenIntermediateThenFinal) {
  Incident incident;
  incident.id = 1;
  incident.type = "cybersecurity";
  incident.aware = D("2026-11-02");
  incident.last_documented = D("2026-11-02");
  // Measure 9.3: initial report within 5 days for a cybersecurity incident.
  IncidentClocks clocks = *ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-11-05"));
  EXPECT_EQ(clocks.initial_due, D("2026-11-07"));
  EXPECT_EQ(clocks.next_report, "initial");
  EXPECT_EQ(clocks.status, "open");
  EXPECT_EQ(ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-11-08"))->status,
            "overdue");
  // Intermediate reports at least every 4 weeks from the last report.
  incident.reports.push_back({"initial", D("2026-11-06")});
  clocks = *ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-11-08"));
  EXPECT_EQ(clocks.next_report, "intermediate");
  EXPECT_EQ(clocks.next_due, D("2026-12-04"));
  incident.reports.push_back({"intermediate", D("2026-12-01")});
  EXPECT_EQ(ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-12-02"))->next_due,
            D("2026-12-29"));
  // Final report within 60 days of resolution.
  incident.resolved = D("2026-12-10");
  clocks = *ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-12-11"));
  EXPECT_EQ(clocks.next_report, "final");
  EXPECT_EQ(clocks.final_due, D("2027-02-08"));
  EXPECT_EQ(clocks.status, "resolved");
  incident.reports.push_back({"final", D("2027-01-15")});
  clocks = *ComputeIncidentClocks(incident, Code(), Calendar(), D("2027-03-01"));
  EXPECT_EQ(clocks.status, "closed");
  EXPECT_FALSE(clocks.next_due.has_value());
  // Measure 9.4: five years from the later of the documentation and the incident.
  EXPECT_EQ(clocks.retain_until, D("2031-12-10"));
}

TEST(IncidentsTest, TemplateItemsTrackedForCompleteness) {
  Incident incident;
  incident.id = 1;
  incident.type = "health";
  incident.aware = D("2026-11-02");
  incident.items = {{"dates", "2026-10-30"}, {"model", "m"}, {"root-cause", "unknown"}};
  IncidentClocks clocks = *ComputeIncidentClocks(incident, Code(), Calendar(), D("2026-11-03"));
  // Ten items; three known; Measure 9.3: M9.2 points (1)-(7) belong in the initial report, the
  // submitter does not.
  EXPECT_EQ(clocks.missing_items.size(), 7u);
  EXPECT_EQ(clocks.missing_initial_items,
            (std::vector<std::string>{"harm", "chain-of-events", "involvement-evidence",
                                      "provider-response", "recommendations"}));
}

// Measure 9.3: similar incidents inside the reporting windows may be included in the first
// incident's reports, keeping its deadlines; a chain joins its first incident; reports are
// recorded on the first; nothing joins an incident whose final report is in.
TEST(IncidentsTest, SimilarIncidentKeepsTheFirstIncidentsDeadlines) {
  std::vector<store::Entry> log = {
      E(1, "incident.open", "incident/1",
        R"({"aware":"2026-11-02","model":"m","type":"cybersecurity"})"),
      E(2, "incident.open", "incident/2",
        R"({"aware":"2026-11-04","model":"m","type":"health","similar_to":1})"),
      E(3, "incident.open", "incident/3",
        R"({"aware":"2026-11-05","model":"m","type":"death","similar_to":2})"),
      E(4, "incident.update", "incident/1", R"({"report":"initial","submitted":"2026-11-06"})")};
  Result<std::vector<Incident>> incidents = FoldIncidents(log);
  ASSERT_TRUE(incidents.ok()) << incidents.status().message();
  const Incident& second = (*incidents)[1];
  const Incident& third = (*incidents)[2];
  ASSERT_TRUE(second.reported_with && third.reported_with);
  EXPECT_EQ(third.reported_with->id, 1);  // the chain's first, not incident 2
  ASSERT_EQ(second.reports.size(), 1u);   // the first incident's initial report
  // Alone, a health incident aware on 4 Nov would owe its initial report by 19 Nov (15 days);
  // with incident 1 its report went on 6 Nov and the next is the intermediate one, 4 weeks on.
  IncidentClocks clocks = *ComputeIncidentClocks(second, Code(), Calendar(), D("2026-11-20"));
  EXPECT_EQ(clocks.initial_due, D("2026-11-07"));  // 2 Nov + 5 days (cybersecurity)
  EXPECT_EQ(clocks.next_report, "intermediate");
  EXPECT_EQ(clocks.next_due, D("2026-12-04"));
  EXPECT_NE(clocks.basis.find("reported with incident 1"), std::string::npos) << clocks.basis;

  std::vector<store::Entry> report_on_joined = log;
  report_on_joined.push_back(E(5, "incident.update", "incident/2",
                               R"({"report":"intermediate","submitted":"2026-11-20"})"));
  EXPECT_FALSE(FoldIncidents(report_on_joined).ok());

  std::vector<store::Entry> after_final = {
      log[0],
      E(2, "incident.update", "incident/1", R"({"report":"final","submitted":"2026-11-20"})"),
      E(3, "incident.open", "incident/2",
        R"({"aware":"2026-11-21","model":"m",)"
        R"("type":"health","similar_to":1})")};
  Result<std::vector<Incident>> refused = FoldIncidents(after_final);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("has its final report (2026-11-20)"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(FirstIncidentFor(*incidents, 4).ok());
}

TEST(IncidentsTest, StoredInTheOneRecordsLog) {
  std::filesystem::path root = std::filesystem::temp_directory_path() / "gpaikit_incidents_log";
  std::filesystem::remove_all(root);
  {
    auto db = store::Ledger::Open(root);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Append("mdf.version", "m", "a", "{}").ok());
    ASSERT_TRUE((*db)
                    ->Append("incident.open", "incident/1", "a",
                             R"({"aware":"2026-11-02","model":"m","type":"health"})")
                    .ok());
  }
  Result<std::vector<Incident>> incidents = LoadIncidents(root);
  ASSERT_TRUE(incidents.ok()) << incidents.status().message();
  ASSERT_EQ(incidents->size(), 1u);
  EXPECT_EQ(incidents->front().entries, std::vector<int64_t>{2});
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace gpaikit::safety
