// What the staff desk parses from a request besides the form fields the case store checks: the
// case paths (/desk/case/TRACKING[/ACTION]), an evidence file's hash in a path, the queue's
// filters, and the case store's UTC times (docs/portal-desk.md). Pure functions, fuzzed by
// desk_paths_fuzzer.
#ifndef GPAIKIT_PORTAL_DESK_PATHS_H_
#define GPAIKIT_PORTAL_DESK_PATHS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gpaikit::portal {

inline constexpr std::string_view kDeskCasePrefix = "/desk/case/";
// The actions a case page posts, each its own form (and CSRF form name "case-ACTION").
inline constexpr std::string_view kDeskCaseActions[] = {"assign", "reply", "note", "state",
                                                        "accept"};

// /desk/case/TRACKING and /desk/case/TRACKING/ACTION: the tracking number (1 to 32 of A-Z, 0-9
// and '-') and the action ("" for the page itself, one of kDeskCaseActions, or
// "evidence/SHA256" for a file download); false for any other path.
bool ParseCasePath(std::string_view path, std::string& tracking, std::string& action);

// The SHA-256 of "evidence/HEX" (64 lower-case hex digits) in a case path's action; "" for any
// other action.
std::string EvidenceHashOfAction(std::string_view action);

// The queue's filters from ?kind= and ?show=: kind "complaint", "request" or "" (both; anything
// else counts as both); show "open" (the default, also for ""), "all", or a case state (anything
// else counts as "all").
struct QueueFilter {
  std::string kind;
  std::string show;
};
QueueFilter ParseQueueFilter(std::string_view kind, std::string_view show);

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (as UtcTimestamp writes it, seconds 00-59);
// std::nullopt for anything else.
std::optional<int64_t> ParseUtcTime(std::string_view text);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_PATHS_H_
