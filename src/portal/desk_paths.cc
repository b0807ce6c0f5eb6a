// The staff desk's path, filter and time parsers (desk_paths.h).
#include "portal/desk_paths.h"

#include "gpaikit/base/civil_date.h"

namespace gpaikit::portal {
namespace {

constexpr std::string_view kEvidencePrefix = "evidence/";
// The case states (case_store.h kCaseStates), for the queue's "show" filter.
constexpr std::string_view kStates[] = {"received",  "in-review", "accepted",
                                        "duplicate", "unfounded", "closed"};

}  // namespace

bool ParseCasePath(std::string_view path, std::string& tracking, std::string& action) {
  if (!path.starts_with(kDeskCasePrefix)) return false;
  std::string_view rest = path.substr(kDeskCasePrefix.size());
  size_t slash = rest.find('/');
  std::string_view number = rest.substr(0, slash);
  if (number.empty() || number.size() > 32) return false;
  for (char c : number) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  std::string_view wanted = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (slash != std::string_view::npos && wanted.empty()) return false;
  bool known = wanted.empty() || !EvidenceHashOfAction(wanted).empty();
  for (std::string_view name : kDeskCaseActions) known = known || wanted == name;
  if (!known) return false;
  tracking = std::string(number);
  action = std::string(wanted);
  return true;
}

std::string EvidenceHashOfAction(std::string_view action) {
  if (!action.starts_with(kEvidencePrefix)) return "";
  std::string_view hash = action.substr(kEvidencePrefix.size());
  if (hash.size() != 64) return "";
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
  }
  return std::string(hash);
}

QueueFilter ParseQueueFilter(std::string_view kind, std::string_view show) {
  QueueFilter filter;
  if (kind == "complaint" || kind == "request") filter.kind = std::string(kind);
  if (show.empty() || show == "open") {
    filter.show = "open";
    return filter;
  }
  filter.show = "all";
  for (std::string_view state : kStates) {
    if (show == state) filter.show = std::string(state);
  }
  return filter;
}

std::optional<int64_t> ParseUtcTime(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  std::optional<CivilDate> date = CivilDate::Parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    char a = text[11 + i * 3], b = text[12 + i * 3];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    parts[i] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  int64_t days = CivilDate(1970, 1, 1).DaysUntil(*date);
  return days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

}  // namespace gpaikit::portal
