// The desk's `corpus filter` jobs (Code of Practice, Copyright, Measures 1.2 and 1.5): a table in
// portal.sqlite, and one background thread that runs them with the corpus library, records each
// end in the ledger and as a case event, and re-queues what a stopped server cancelled or left
// running.
#include "portal/filter_jobs.h"

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/store/ledger.h"
#include "portal/site_state.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

constexpr int kFilterPollSeconds = 60;

Result<std::filesystem::path> Inside(const project::Project& project, const std::string& path,
                                     const std::string& what) {
  return PathInside(project.root, path, what);
}

// The SHA-256 of a file's bytes, "" when it cannot be read.
std::string FileSha256(const std::filesystem::path& path) {
  Result<std::string> bytes = ReadFile(path);
  return bytes.ok() ? Sha256Hex(*bytes) : std::string();
}

}  // namespace

Result<corpus::FilterJob> ProjectFilterJob(const project::Project& project) {
  if (!project.corpus_filter) {
    return Status::InvalidInput("the project declares no corpus_filter job in gpaikit.yaml");
  }
  const project::CorpusFilterJob& declared = *project.corpus_filter;
  corpus::FilterJob job;
  for (const std::string& input : declared.inputs) {
    Result<std::filesystem::path> path = Inside(project, input, "corpus_filter.inputs");
    if (!path.ok()) return path.status();
    job.inputs.push_back(*path);
  }
  Result<std::filesystem::path> out = Inside(project, declared.out, "corpus_filter.out");
  if (!out.ok()) return out.status();
  job.out = *out;
  if (!declared.robots.empty()) {
    Result<std::filesystem::path> robots = Inside(project, declared.robots, "corpus_filter.robots");
    if (!robots.ok()) return robots.status();
    job.audit.robots = *robots;
  }
  for (const std::string& list : project.copyright.blocklists) {
    Result<std::filesystem::path> path = Inside(project, list, "copyright.blocklists");
    if (!path.ok()) return path.status();
    job.audit.blocklists.push_back(*path);
  }
  job.audit.agents = project.CrawlerNames();
  return job;
}

const std::vector<std::string>& FilterJobs::Migrations() {
  static const std::vector<std::string> kMigrations = {
      R"sql(CREATE TABLE filter_jobs (
  id INTEGER PRIMARY KEY,
  tracking TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'running', 'done', 'failed')),
  queued_at TEXT NOT NULL,
  started_at TEXT NOT NULL DEFAULT '',
  ended_at TEXT NOT NULL DEFAULT '',
  kept INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0,
  blocked INTEGER NOT NULL DEFAULT 0,
  manifest_sha256 TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  ledger_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX filter_jobs_tracking ON filter_jobs(tracking);
CREATE INDEX filter_jobs_state ON filter_jobs(state, id);)sql",
  };
  return kMigrations;
}

Result<int64_t> FilterJobs::Enqueue(const std::string& tracking, std::time_t now) const {
  int64_t id = 0;
  Status status = db_.Transaction([&]() -> Status {
    SqlStatement insert(db_.handle(),
                        "INSERT INTO filter_jobs (tracking, queued_at) VALUES (?1, ?2)");
    insert.Bind(1, tracking).Bind(2, UtcTimestamp(now));
    if (Status s = insert.Run(db_.path().string() + ": filter_jobs"); !s.ok()) return s;
    id = sqlite3_last_insert_rowid(db_.handle());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

namespace {

constexpr const char* kJobColumns =
    "id, tracking, state, queued_at, started_at, ended_at, kept, removed, blocked, "
    "manifest_sha256, error, ledger_seq";

FilterJobRecord JobOf(const SqlStatement& row) {
  FilterJobRecord job;
  job.id = row.Int(0);
  job.tracking = row.Text(1);
  job.state = row.Text(2);
  job.queued_at = row.Text(3);
  job.started_at = row.Text(4);
  job.ended_at = row.Text(5);
  job.kept = row.Int(6);
  job.removed = row.Int(7);
  job.blocked = row.Int(8);
  job.manifest_sha256 = row.Text(9);
  job.error = row.Text(10);
  job.ledger_seq = row.Int(11);
  return job;
}

}  // namespace

Result<std::vector<FilterJobRecord>> FilterJobs::ForCase(const std::string& tracking) const {
  std::vector<FilterJobRecord> jobs;
  std::string sql = std::string("SELECT ").append(kJobColumns);
  sql.append(" FROM filter_jobs WHERE tracking = ?1 ORDER BY id DESC");
  Status status = db_.Read([&]() -> Status {
    SqlStatement select(db_.handle(), sql.c_str());
    select.Bind(1, tracking);
    while (true) {
      Result<bool> row = select.Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      jobs.push_back(JobOf(select));
    }
  });
  if (!status.ok()) return status;
  return jobs;
}

Result<int> FilterJobs::RequeueInterrupted() const {
  int count = 0;
  Status status = db_.Transaction([&]() -> Status {
    SqlStatement update(db_.handle(),
                        "UPDATE filter_jobs SET state = 'queued', started_at = '' "
                        "WHERE state = 'running'");
    if (Status s = update.Run(db_.path().string() + ": filter_jobs"); !s.ok()) return s;
    count = sqlite3_changes(db_.handle());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return count;
}

Status FilterJobs::Requeue(int64_t id) const {
  return db_.Transaction([&]() -> Status {
    SqlStatement update(db_.handle(),
                        "UPDATE filter_jobs SET state = 'queued', started_at = '' "
                        "WHERE id = ?1 AND state = 'running'");
    update.Bind(1, id);
    return update.Run(db_.path().string() + ": filter_jobs");
  });
}

Result<bool> FilterJobs::Claim(std::time_t now, FilterJobRecord* job) const {
  bool found = false;
  std::string sql = std::string("SELECT ").append(kJobColumns);
  sql.append(" FROM filter_jobs WHERE state = 'queued' ORDER BY id LIMIT 1");
  Status status = db_.Transaction([&]() -> Status {
    SqlStatement select(db_.handle(), sql.c_str());
    Result<bool> row = select.Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    *job = JobOf(select);
    job->state = "running";
    job->started_at = UtcTimestamp(now);
    SqlStatement update(db_.handle(),
                        "UPDATE filter_jobs SET state = 'running', started_at = ?1 WHERE id = ?2");
    update.Bind(1, job->started_at).Bind(2, job->id);
    found = true;
    return update.Run(db_.path().string() + ": filter_jobs");
  });
  if (!status.ok()) return status;
  return found;
}

Status FilterJobs::Finish(const FilterJobRecord& job) const {
  return db_.Transaction([&]() -> Status {
    SqlStatement update(
        db_.handle(),
        "UPDATE filter_jobs SET state = ?1, ended_at = ?2, kept = ?3, removed = ?4, "
        "blocked = ?5, manifest_sha256 = ?6, error = ?7, ledger_seq = ?8 "
        "WHERE id = ?9");
    update.Bind(1, job.state).Bind(2, job.ended_at).Bind(3, job.kept).Bind(4, job.removed);
    update.Bind(5, job.blocked).Bind(6, job.manifest_sha256).Bind(7, job.error);
    update.Bind(8, job.ledger_seq).Bind(9, job.id);
    return update.Run(db_.path().string() + ": filter_jobs");
  });
}

FilterWorker::FilterWorker(const project::Project& project, const PortalDb& db,
                           const CaseStore& cases)
    : project_(project), db_(db), cases_(cases) {}

FilterWorker::~FilterWorker() { Stop(); }

Status FilterWorker::Start() {
  Result<int> requeued = FilterJobs(db_).RequeueInterrupted();
  if (!requeued.ok()) return requeued.status();
  if (*requeued > 0) {
    std::cerr << "gpaikit serve: re-queued " << *requeued
              << " corpus filter job(s) a stopped server left running\n";
  }
  worker_.Start([this] { return RunNext([this] { return worker_.stopping(); }); },
                std::chrono::seconds(kFilterPollSeconds));
  return Status::Ok();
}

void FilterWorker::Notify() { worker_.Notify(); }

void FilterWorker::Stop() { worker_.Stop(); }

bool FilterWorker::RunNext(const corpus::StopCheck& stop) {
  FilterJobRecord job;
  Result<bool> claimed = FilterJobs(db_).Claim(std::time(nullptr), &job);
  if (!claimed.ok()) {
    std::cerr << "gpaikit serve: " << claimed.status().message() << "\n";
    return false;
  }
  if (!*claimed) return false;
  if (Status done = RunOne(std::move(job), stop); !done.ok()) {
    std::cerr << "gpaikit serve: corpus filter job: " << done.message() << "\n";
  }
  return true;
}

Status FilterWorker::RunOne(FilterJobRecord job, const corpus::StopCheck& stop) {
  nlohmann::json content = {{"case", job.tracking}, {"job", job.id}};
  Result<corpus::FilterJob> spec = ProjectFilterJob(project_);
  if (spec.ok()) spec->stop = stop;
  Result<corpus::FilterResult> result =
      spec.ok() ? corpus::RunFilterJob(*spec) : Result<corpus::FilterResult>(spec.status());
  if (result.ok() && result->cancelled) {
    // Not an end: no ledger entry, no event. If the re-queue fails, the job stays "running" and
    // the next start re-queues it (RequeueInterrupted).
    std::cerr << "gpaikit serve: corpus filter job " << job.id
              << " stopped by the server's stop; queued again, it runs at the next start\n";
    return FilterJobs(db_).Requeue(job.id);
  }
  job.ended_at = UtcTimestamp(std::time(nullptr));
  std::string text;
  if (result.ok()) {
    job.state = "done";
    job.kept = static_cast<int64_t>(result->kept);
    job.removed = static_cast<int64_t>(result->removed);
    job.blocked = static_cast<int64_t>(result->blocked);
    job.manifest_sha256 = FileSha256(result->manifest);
    content["kept"] = result->kept;
    content["removed"] = result->removed;
    content["blocked"] = result->blocked;
    content["records_with_problems"] = result->errors.size();
    content["manifest"] = std::filesystem::relative(result->manifest, project_.root).string();
    content["manifest_sha256"] = job.manifest_sha256;
    text = std::string("corpus filter job ").append(std::to_string(job.id)) + " done: kept " +
           std::to_string(job.kept) + ", removed " + std::to_string(job.removed) + " (" +
           std::to_string(job.blocked) + " on a blocklist); removed.jsonl SHA-256 " +
           job.manifest_sha256;
  } else {
    job.state = "failed";
    job.error = result.status().message();
    content["error"] = job.error;
    text =
        std::string("corpus filter job ").append(std::to_string(job.id)) + " failed: " + job.error;
  }
  if (spec.ok()) {
    nlohmann::json lists = nlohmann::json::array();
    for (const std::filesystem::path& list : spec->audit.blocklists) {
      lists.push_back({{"file", std::filesystem::relative(list, project_.root).string()},
                       {"sha256", FileSha256(list)}});
    }
    content["blocklists"] = std::move(lists);
  }
  Result<store::Entry> entry =
      cases_.AppendToLedger(std::string("portal.filter.").append(job.state), job.tracking, "portal",
                            content.dump(), job.ended_at);
  if (!entry.ok()) return entry.status();
  job.ledger_seq = entry->seq;
  if (Status finished = FilterJobs(db_).Finish(job); !finished.ok()) return finished;
  return cases_.AddEvent(job.tracking, kEventFilter, "portal", text, false, std::time(nullptr))
      .status();
}

}  // namespace gpaikit::portal
