// The staff desk's `corpus filter` re-runs (docs/portal-desk.md "Accept with actions"; Code of
// Practice, Copyright, Measures 1.2 and 1.5): jobs queued by an accepted complaint, stored in
// portal.sqlite (queued, running, done with the counts and the manifest's SHA-256, or failed with
// the error), run one at a time by a background thread, each end a ledger entry and a case event;
// a job that a server stop cancels goes back to the queue.
#ifndef GPAIKIT_PORTAL_FILTER_JOBS_H_
#define GPAIKIT_PORTAL_FILTER_JOBS_H_

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/audit_setup.h"
#include "gpaikit/project/project.h"
#include "portal/case_store.h"
#include "portal/portal_db.h"
#include "portal/worker_thread.h"

namespace gpaikit::portal {

// Event kinds of the accept action (case_events.kind; ledger kind "portal.case." + kind).
inline constexpr const char* kEventBlocklist = "blocklist";  // text: entries added, list SHA-256
inline constexpr const char* kEventFilter = "filter";        // text: the job queued or its end

struct FilterJobRecord {
  int64_t id = 0;
  std::string tracking;
  std::string state;                            // "queued", "running", "done", "failed"
  std::string queued_at, started_at, ended_at;  // RFC 3339 UTC ("" until then)
  int64_t kept = 0, removed = 0, blocked = 0;
  std::string manifest_sha256;  // of removed.jsonl, when done
  std::string error;            // when failed
  int64_t ledger_seq = 0;       // the "portal.filter.KIND" entry of its end
};

// The project's filter job (gpaikit.yaml corpus_filter, copyright.blocklists, the models'
// crawlers) with its paths resolved inside the project folder; InvalidInput when a path leaves
// it or when the project declares no job.
Result<corpus::FilterJob> ProjectFilterJob(const project::Project& project);

class FilterJobs {
 public:
  // The schema (migration component "filter-jobs").
  static const std::vector<std::string>& Migrations();
  explicit FilterJobs(const PortalDb& db) : db_(db) {}

  // Queues a job for case `tracking`; returns its id.
  Result<int64_t> Enqueue(const std::string& tracking, std::time_t now) const;
  // The jobs of `tracking`, newest first.
  Result<std::vector<FilterJobRecord>> ForCase(const std::string& tracking) const;
  // Moves jobs a stopped server left "running" back to "queued"; returns how many.
  Result<int> RequeueInterrupted() const;
  // Moves the running job `id` back to "queued" (a run that a stop cancelled).
  Status Requeue(int64_t id) const;
  // Takes the oldest queued job (now "running"); false when there is none.
  Result<bool> Claim(std::time_t now, FilterJobRecord* job) const;
  // Stores the job's end (state "done" or "failed" with its fields) and its ledger entry.
  Status Finish(const FilterJobRecord& job) const;

 private:
  const PortalDb& db_;
};

// The thread that runs queued jobs with the project's filter job, one at a time: a round at
// Start (after re-queuing interrupted ones), then whenever Notify() is called or a minute
// passes. Each end is a ledger entry "portal.filter.done" or "portal.filter.failed" (author
// "portal"; the case, the job, the counts or the error, the manifest's and each list's SHA-256)
// and a "filter" case event. Stop cancels a running job within a few hundred records: its
// previous output stays in place and the job is queued again, for the next start.
class FilterWorker {
 public:
  FilterWorker(const project::Project& project, const PortalDb& db, const CaseStore& cases);
  ~FilterWorker();  // Stop()
  FilterWorker(const FilterWorker&) = delete;
  FilterWorker& operator=(const FilterWorker&) = delete;

  Status Start();
  void Notify();
  // Cancels the running filter (see above), then stops the thread.
  void Stop();

  // Runs the oldest queued job, if any, with `stop` as the filter's stop check; true when it
  // took one (look for the next at once). A cancelled run gets no ledger entry and no case
  // event: the job is queued again. The thread calls it with its stopping(); tests directly.
  bool RunNext(const corpus::StopCheck& stop);

 private:
  Status RunOne(FilterJobRecord job, const corpus::StopCheck& stop);

  const project::Project& project_;
  const PortalDb& db_;
  const CaseStore& cases_;
  WorkerThread worker_;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_FILTER_JOBS_H_
