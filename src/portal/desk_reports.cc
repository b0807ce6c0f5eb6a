// The desk's export and figures pages, over the case store's cases and their events.
#include "portal/desk_reports.h"

#include <nlohmann/json.hpp>

#include "gpaikit/base/civil_date.h"
#include "portal/case_store.h"
#include "portal/desk_auth.h"
#include "portal/desk_csv.h"
#include "portal/desk_pages.h"
#include "portal/desk_paths.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

// A case with the times the figures use.
struct CaseRecord {
  Case item;
  CaseTimes times;
  std::string first_reply_at;  // RFC 3339, "" when none
  std::string closed_at;       // RFC 3339, "" while open
};

Result<std::vector<CaseRecord>> LoadRecords(const Site::State& state) {
  Result<std::vector<Case>> cases = state.cases->ListCases();
  if (!cases.ok()) return cases.status();
  std::vector<CaseRecord> records;
  for (const Case& listed : *cases) {
    Result<Case> item = state.cases->GetCase(listed.tracking);
    if (!item.ok()) return item.status();
    CaseRecord record{std::move(*item), {}, "", ""};
    record.times.received = ParseUtcTime(record.item.received_at).value_or(0);
    for (const CaseEvent& event : record.item.events) {
      if (event.kind == kEventReply && record.first_reply_at.empty()) {
        record.first_reply_at = event.time;
      }
      // The case's end: the event that moved it into a final state (a reopening clears it).
      if (!IsFinalCaseState(event.state)) {
        record.closed_at.clear();
      } else if (record.closed_at.empty()) {
        record.closed_at = event.time;
      }
    }
    if (record.item.Open()) record.closed_at.clear();
    record.times.first_reply = ParseUtcTime(record.first_reply_at).value_or(0);
    record.times.closed = ParseUtcTime(record.closed_at).value_or(0);
    records.push_back(std::move(record));
  }
  return records;
}

std::string Details(const Case& item) {
  std::string text;
  for (const auto& [field, value] : item.details) {
    if (!text.empty()) text += "\n";
    text.append(field).append(": ").append(value);
  }
  return text;
}

std::string Days(std::optional<double> days) {
  if (!days) return "no case has a reply yet";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f days", *days);
  return text;
}

}  // namespace

Response DeskExport(const Site::State& state, const StaffSession& session, bool json,
                    std::time_t now) {
  if (session.user.role != Role::kAdmin) {
    Response response = ErrorPage(state, 403, "Forbidden",
                                  "The export holds the filers' personal data: admins only.");
    AddDeskHeaders(response);
    return response;
  }
  // ASVS 3.7.1: a sensitive action asks for the password again when the login is not recent.
  if (!RecentLogin(session, now)) {
    return SeeOther(std::string("/desk/login?next=export.") + (json ? "json" : "csv"));
  }
  Result<std::vector<CaseRecord>> records = LoadRecords(state);
  if (!records.ok()) return InternalError(records.status());
  const CsvRow header = {"tracking",     "kind",        "state",  "owner",     "received",
                         "due",          "first_reply", "closed", "days_open", "name",
                         "organisation", "email",       "details"};
  std::vector<CsvRow> rows;
  nlohmann::json cases = nlohmann::json::array();
  for (const CaseRecord& record : *records) {
    const Case& item = record.item;
    std::string days = std::to_string(DaysOpen(record.times, now));
    CsvRow row = {item.tracking,
                  CaseKindName(item.kind),
                  item.state,
                  item.owner,
                  item.received_at,
                  item.due_date,
                  record.first_reply_at,
                  record.closed_at,
                  days,
                  item.name,
                  item.organisation,
                  item.email,
                  Details(item)};
    nlohmann::json entry;
    for (size_t i = 0; i < header.size(); ++i) entry[header[i]] = row[i];
    entry["days_open"] = DaysOpen(record.times, now);
    cases.push_back(std::move(entry));
    rows.push_back(std::move(row));
  }
  Response response;
  if (json) {
    nlohmann::json document = {
        {"schema", "gpaikit.desk-export/1"}, {"generated", UtcTimestamp(now)}, {"cases", cases}};
    response = {200, "application/json", document.dump(2) + "\n", {}};
  } else {
    response = {200, "text/csv; charset=utf-8; header=present", CsvDocument(header, rows), {}};
  }
  response.headers.emplace_back(
      "Content-Disposition",
      std::string("attachment; filename=\"desk-export.") + (json ? "json\"" : "csv\""));
  AddDeskHeaders(response);
  return response;
}

Response DeskFigures(const Site::State& state, const StaffSession& session, std::time_t now) {
  Result<std::vector<CaseRecord>> records = LoadRecords(state);
  if (!records.ok()) return InternalError(records.status());
  Data data = DeskPageData(state, session, "Desk figures", now);
  data.set("generated", UtcTimestamp(now));
  list groups;
  for (const char* kind : {"all", "complaint", "request"}) {
    std::vector<CaseTimes> times;
    for (const CaseRecord& record : *records) {
      if (std::string_view(kind) == "all" || CaseKindName(record.item.kind) == std::string(kind)) {
        times.push_back(record.times);
      }
    }
    Data group;
    const std::string_view which(kind);
    std::string label = which == "all"         ? "All cases"
                        : which == "complaint" ? "Complaints"
                                               : "Requests";
    group.set("kind", label);
    group.set("count", std::to_string(times.size()));
    group.set("median", Days(MedianDaysToFirstReply(times)));
    list buckets;
    for (const AgeBucket& bucket : OpenItemsPerAge(times, now)) {
      Data row;
      row.set("label", bucket.label);
      row.set("open", std::to_string(bucket.open));
      buckets.push_back(row);
    }
    group.set("buckets", buckets);
    groups.push_back(group);
  }
  data.set("groups", groups);
  Result<std::string> body = state.templates.Render("desk-figures", std::move(data));
  if (!body.ok()) return InternalError(body.status());
  Response response{200, "text/html; charset=utf-8", std::move(*body), {}};
  AddDeskHeaders(response);
  return response;
}

}  // namespace gpaikit::portal
