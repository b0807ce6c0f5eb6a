// Tests of "Accept with actions" underneath the desk (Code of Practice, Copyright, Measures 1.2
// and 1.5): the blocklist change (syntax errors with their line, entries already listed left
// out, the version moved on, the comment naming case, day and staff), and the corpus filter jobs
// (queued, run by the worker, ended in the ledger and as a case event, re-queued after a stop,
// cancelled by a stop and queued again).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/optout/blocklist.h"
#include "gpaikit/store/ledger.h"
#include "portal/blocklist_edit.h"
#include "portal/filter_jobs.h"

namespace gpaikit::portal {
namespace {

constexpr char kList[] = "# name: Example infringing sites\n# version: 4\nlisted.example\n";

TEST(BlocklistEdit, AppendsNewEntriesUnderACommentAndMovesTheVersionOn) {
  Result<BlocklistAddition> added =
      PlanBlocklistAddition(kList, "blocklist.txt",
                            "pirate.example\n\n  *.mirror.test \nLISTED.example\n"
                            "https://ok.example/copied.html#part\n",
                            "C-2026-000001", "2026-12-07", "alice");
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->added, (std::vector<std::string>{"pirate.example", "*.mirror.test",
                                                    "https://ok.example/copied.html#part"}));
  EXPECT_EQ(added->already_listed, std::vector<std::string>{"LISTED.example"});
  EXPECT_EQ(added->version, "5");
  EXPECT_EQ(added->text,
            "# name: Example infringing sites\n# version: 5\nlisted.example\n"
            "# C-2026-000001 2026-12-07 alice\npirate.example\n*.mirror.test\n"
            "https://ok.example/copied.html#part\n");
  // The new text is a list the filter reads: four entries, the new ones at their lines.
  Result<optout::Blocklist> list = optout::Blocklist::Parse(added->text, "blocklist.txt");
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(list->version(), "5");
  ASSERT_EQ(list->entries().size(), 4u);
  EXPECT_EQ(list->entries()[1].text, "pirate.example");
  EXPECT_EQ(list->entries()[1].line, 5u);
}

TEST(BlocklistEdit, NothingNewLeavesTheListAlone) {
  Result<BlocklistAddition> added = PlanBlocklistAddition(
      kList, "blocklist.txt", "www.LISTED.example\nlisted.example\n", "C-1", "2026-12-07", "bo");
  ASSERT_TRUE(added.ok()) << added.status().message();
  // www.listed.example is a host, not the listed registrable domain's entry: it is new.
  EXPECT_EQ(added->added, std::vector<std::string>{"www.LISTED.example"});
  added =
      PlanBlocklistAddition(kList, "blocklist.txt", "listed.example", "C-1", "2026-12-07", "bo");
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(added->added.empty());
  EXPECT_EQ(added->text, "");
  EXPECT_EQ(added->version, "4");
}

TEST(BlocklistEdit, ANewListOrOneWithoutANumberVersion) {
  Result<BlocklistAddition> added =
      PlanBlocklistAddition("", "new.txt", "a.example", "C-9", "2026-12-07", "bo");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->text, "# version: 1\n# C-9 2026-12-07 bo\na.example\n");
  added = PlanBlocklistAddition("# version: 2026-12a\n", "l.txt", "a.example", "C-9", "2026-12-07",
                                "bo");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->version, "2026-12a");  // not a whole number: kept as it is
  EXPECT_EQ(added->text, "# version: 2026-12a\n# C-9 2026-12-07 bo\na.example\n");
  // A list that states its version twice (the reader takes the last): both lines move on.
  // Found by blocklist_edit_fuzzer.
  added = PlanBlocklistAddition("# version: 4\nx.example\n# version: 4\n", "l.txt", "a.example",
                                "C-9", "2026-12-07", "bo");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->version, "5");
  EXPECT_EQ(optout::Blocklist::Parse(added->text, "l.txt")->version(), "5");
}

TEST(BlocklistEdit, RefusedEntriesNameTheirLine) {
  struct Bad {
    const char* entered;
    const char* message;
  };
  for (const Bad& bad :
       {Bad{"ok.example\nhttp s://x", "line 2: "},
        Bad{"ok.example\n\nbad/path.example", "line 3: expected a domain"},
        Bad{"# version: 99", "line 1: expected a domain"}, Bad{"ok.example # note", "line 1: "},
        Bad{"  \n \n", "line 1: expected at least one"}}) {
    SCOPED_TRACE(bad.entered);
    Result<BlocklistAddition> added =
        PlanBlocklistAddition(kList, "blocklist.txt", bad.entered, "C-1", "2026-12-07", "bo");
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.status().code(), StatusCode::kInvalidInput);
    EXPECT_TRUE(added.status().message().starts_with(bad.message)) << added.status().message();
  }
  // An error in the list file itself names the file and line.
  Result<BlocklistAddition> broken = PlanBlocklistAddition(
      "# version: 1\nbad/entry\n", "lists/block.txt", "a.example", "C-1", "2026-12-07", "bo");
  ASSERT_FALSE(broken.ok());
  EXPECT_TRUE(broken.status().message().starts_with("lists/block.txt:2: "))
      << broken.status().message();
}

// A WARC response record (ISO 28500) for `url` with an HTML body.
std::string Response(const std::string& url, const std::string& body) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body;
  return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + url +
         "\r\nWARC-Date: 2024-02-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:x>\r\n"
         "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

class FilterJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("corpus/crawl.warc", Response("https://www.pirate.example/a", "<p>a</p>") +
                                        Response("https://own.example/b", "<p>bb</p>"));
    dir_.Write("blocklist.txt", "# name: Sites\n# version: 2\npirate.example\n");
    Result<project::Project> parsed = project::ParseProject(
        "gpaikit: 1\nprovider: {legal_name: X, contact: x@x.example, established_in_eu: true}\n"
        "models: [{id: m, name: M, modalities: {input: [text], output: [text]}}]\ncopyright: "
        "{blocklists: [blocklist.txt]}\n"
        "corpus_filter: {inputs: [corpus], out: filtered}\n",
        "gpaikit.yaml");
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    project_ = std::move(*parsed);
    project_.root = dir_.path();
    Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir_.path());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate("filter-jobs", FilterJobs::Migrations()).ok());
    Result<CaseStore> cases = CaseStore::Open(*db_, dir_.path());
    ASSERT_TRUE(cases.ok()) << cases.status().message();
    cases_.emplace(*cases);
    NewCase filing;
    filing.name = "Ada";
    filing.email = "ada@press.example";
    filing.details = {{"works", "w"}, {"allegation", "copied"}};
    Result<Filed> filed = cases_->File(filing, std::time(nullptr));
    ASSERT_TRUE(filed.ok()) << filed.status().message();
    tracking_ = filed->tracking;
  }

  // The job's record once it has ended (the worker runs in its own thread), or the last seen.
  FilterJobRecord WaitForEnd(int64_t id) {
    FilterJobRecord last;
    for (int i = 0; i < 600; ++i) {
      Result<std::vector<FilterJobRecord>> jobs = FilterJobs(*db_).ForCase(tracking_);
      EXPECT_TRUE(jobs.ok());
      for (const FilterJobRecord& job : *jobs) {
        if (job.id == id) last = job;
      }
      if (last.state == "done" || last.state == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return last;
  }

  test_util::TempDir dir_;
  project::Project project_;
  std::unique_ptr<PortalDb> db_;
  std::optional<CaseStore> cases_;
  std::string tracking_;
};

TEST_F(FilterJobsTest, TheWorkerRunsAQueuedJobAndRecordsItsEnd) {
  Result<int64_t> id = FilterJobs(*db_).Enqueue(tracking_, std::time(nullptr));
  ASSERT_TRUE(id.ok()) << id.status().message();
  FilterWorker worker(project_, *db_, *cases_);
  ASSERT_TRUE(worker.Start().ok());
  worker.Notify();
  FilterJobRecord job = WaitForEnd(*id);
  worker.Stop();
  ASSERT_EQ(job.state, "done") << job.error;
  EXPECT_EQ(job.kept, 1);
  EXPECT_EQ(job.removed, 1);
  EXPECT_EQ(job.blocked, 1);
  Result<std::string> manifest = ReadFile(dir_.path() / "filtered" / "removed.jsonl");
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(job.manifest_sha256, Sha256Hex(*manifest));
  nlohmann::json line = nlohmann::json::parse(manifest->substr(0, manifest->find('\n')));
  EXPECT_EQ(line.at("url"), "https://www.pirate.example/a");
  EXPECT_EQ(line.at("signals").at(0).at("source"), "Sites 2");
  EXPECT_EQ(line.at("signals").at(0).at("line"), 3);

  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  ASSERT_TRUE(ledger.ok());
  Result<std::vector<store::Entry>> entries = (*ledger)->Entries("portal.filter.", tracking_);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].kind, "portal.filter.done");
  EXPECT_EQ((*entries)[0].seq, job.ledger_seq);
  nlohmann::json content = nlohmann::json::parse((*entries)[0].content);
  EXPECT_EQ(content.at("removed"), 1);
  EXPECT_EQ(content.at("manifest_sha256"), job.manifest_sha256);
  EXPECT_EQ(content.at("blocklists").at(0).at("file"), "blocklist.txt");
  Result<Case> item = cases_->GetCase(tracking_);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->events.back().kind, kEventFilter);
  EXPECT_NE(item->events.back().text.find("kept 1, removed 1 (1 on a blocklist)"),
            std::string::npos)
      << item->events.back().text;
}

TEST_F(FilterJobsTest, AFailingJobKeepsItsError) {
  project_.corpus_filter->inputs = {"missing-folder"};
  Result<int64_t> id = FilterJobs(*db_).Enqueue(tracking_, std::time(nullptr));
  ASSERT_TRUE(id.ok());
  FilterWorker worker(project_, *db_, *cases_);
  ASSERT_TRUE(worker.Start().ok());
  FilterJobRecord job = WaitForEnd(*id);
  worker.Stop();
  EXPECT_EQ(job.state, "failed");
  EXPECT_NE(job.error.find("missing-folder"), std::string::npos) << job.error;
  EXPECT_GT(job.ledger_seq, 0);
}

TEST_F(FilterJobsTest, AJobAStoppedServerLeftRunningIsQueuedAgain) {
  FilterJobs jobs(*db_);
  Result<int64_t> id = jobs.Enqueue(tracking_, std::time(nullptr));
  ASSERT_TRUE(id.ok());
  FilterJobRecord claimed;
  Result<bool> found = jobs.Claim(std::time(nullptr), &claimed);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ(claimed.id, *id);
  EXPECT_EQ(jobs.ForCase(tracking_)->front().state, "running");
  Result<bool> none = jobs.Claim(std::time(nullptr), &claimed);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);  // one job, already taken
  // The server stops here; the next one re-queues the job at start and runs it.
  FilterWorker worker(project_, *db_, *cases_);
  ASSERT_TRUE(worker.Start().ok());
  EXPECT_EQ(WaitForEnd(*id).state, "done");
}

// Issue 15: a server stop cancels a running job instead of waiting for the whole filter; the job
// is queued again, with no ledger entry and no case event, and the next start runs it.
TEST_F(FilterJobsTest, AJobAStopCancelsIsQueuedAgainAndRunsAtTheNextStart) {
  Result<int64_t> id = FilterJobs(*db_).Enqueue(tracking_, std::time(nullptr));
  ASSERT_TRUE(id.ok());
  size_t events = cases_->GetCase(tracking_)->events.size();
  {
    FilterWorker stopped(project_, *db_, *cases_);
    int checks = 0;
    EXPECT_TRUE(stopped.RunNext([&] { return ++checks > 0; }));  // stops at the first check
    EXPECT_EQ(checks, 1);
  }
  FilterJobRecord job = FilterJobs(*db_).ForCase(tracking_)->front();
  EXPECT_EQ(job.state, "queued");
  EXPECT_EQ(job.started_at, "");
  EXPECT_EQ(job.ledger_seq, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "filtered" / "removed.jsonl"));
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  ASSERT_TRUE(ledger.ok());
  EXPECT_TRUE((*ledger)->Entries("portal.filter.", tracking_)->empty());
  EXPECT_EQ(cases_->GetCase(tracking_)->events.size(), events);

  FilterWorker next(project_, *db_, *cases_);
  ASSERT_TRUE(next.Start().ok());
  job = WaitForEnd(*id);
  next.Stop();
  EXPECT_EQ(job.state, "done") << job.error;
  EXPECT_EQ(job.kept, 1);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "filtered" / "removed.jsonl"));
  ledger = store::Ledger::Open(dir_.path());
  ASSERT_TRUE(ledger.ok());
  Result<std::vector<store::Entry>> entries = (*ledger)->Entries("portal.filter.", tracking_);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].kind, "portal.filter.done");
}

TEST(ProjectFilterJob, ResolvesPathsInTheProjectAndNeedsAJob) {
  Result<project::Project> parsed = project::ParseProject(
      "gpaikit: 1\nprovider: {legal_name: X, contact: x@x.example, established_in_eu: true}\n"
      "models: [{id: m, name: M, modalities: {input: [text], output: [text]}, training_data: "
      "{crawling: {used: true, crawlers: "
      "[{name: LumenBot}]}}}]\n"
      "copyright: {blocklists: [a.txt, lists/b.txt]}\n"
      "corpus_filter: {inputs: [c1, c2], robots: snapshots, out: filtered}\n",
      "gpaikit.yaml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  parsed->root = "/srv/project";
  Result<corpus::FilterJob> job = ProjectFilterJob(*parsed);
  ASSERT_TRUE(job.ok()) << job.status().message();
  EXPECT_EQ(job->inputs,
            (std::vector<std::filesystem::path>{"/srv/project/c1", "/srv/project/c2"}));
  EXPECT_EQ(job->out, "/srv/project/filtered");
  EXPECT_EQ(job->audit.robots, "/srv/project/snapshots");
  EXPECT_EQ(job->audit.blocklists.size(), 2u);
  EXPECT_EQ(job->audit.agents, std::vector<std::string>{"LumenBot"});
  parsed->corpus_filter.reset();
  EXPECT_FALSE(ProjectFilterJob(*parsed).ok());
}

}  // namespace
}  // namespace gpaikit::portal
