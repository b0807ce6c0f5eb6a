// Reuses the pages built from the ledger while its files are unchanged (docs/portal.md "Server").
#include "portal/page_cache.h"

#include <sys/stat.h>

namespace gpaikit::portal {
namespace {

void AppendFileStamp(const std::string& path, std::string& stamp) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    stamp += "-;";
    return;
  }
  stamp += std::to_string(info.st_ino) + ',' + std::to_string(info.st_size) + ',' +
           std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec) + ';';
}

}  // namespace

LedgerPageCache::LedgerPageCache(const std::filesystem::path& project_root)
    : database_(project_root / ".gpaikit" / "ledger.sqlite") {}

std::string LedgerPageCache::Stamp() const {
  std::string stamp;
  AppendFileStamp(database_.string(), stamp);
  AppendFileStamp(database_.string() + "-wal", stamp);
  return stamp;
}

Response LedgerPageCache::Get(const std::string& key, const std::function<Response()>& build) {
  // Taken before building: a commit during the build gives a new stamp, and the next request
  // builds again.
  std::string stamp = Stamp();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = pages_.find(key);
    if (found != pages_.end() && found->second.first == stamp) return found->second.second;
  }
  Response response = build();
  if (response.status == 200) {
    std::lock_guard<std::mutex> lock(mutex_);
    pages_[key] = {std::move(stamp), response};
  }
  return response;
}

}  // namespace gpaikit::portal
