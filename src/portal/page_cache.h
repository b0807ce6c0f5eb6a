// Pages built from the ledger (/crawlers, /feed.atom), kept and served again while the ledger's
// files are unchanged, so that a page is not rebuilt from SQLite on every request.
#ifndef GPAIKIT_PORTAL_PAGE_CACHE_H_
#define GPAIKIT_PORTAL_PAGE_CACHE_H_

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "gpaikit/portal/site.h"

namespace gpaikit::portal {

class LedgerPageCache {
 public:
  // `project_root`: the ledger is `.gpaikit/ledger.sqlite` (and its `-wal` file) below it.
  explicit LedgerPageCache(const std::filesystem::path& project_root);

  // The response kept for `key` when the ledger's files are as they were when it was built;
  // otherwise `build()`, kept when its status is 200. Safe from several threads.
  Response Get(const std::string& key, const std::function<Response()>& build);

 private:
  // Identity, size and modification time (ns) of the ledger database and its WAL file: every
  // commit appends to the WAL file and every checkpoint writes the database.
  std::string Stamp() const;

  std::filesystem::path database_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, Response>> pages_;  // key -> (stamp, response)
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_PAGE_CACHE_H_
