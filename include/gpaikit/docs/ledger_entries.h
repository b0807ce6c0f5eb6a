// Published documentation versions and downstream providers' requests as entries of the project's
// hash-chained ledger (Code of Practice, Transparency, Measures 1.1 retention, 1.2(4) 14-day
// answers, 1.3 integrity). Entry kinds: "mdf.version", "request.open", "request.answer".
#ifndef GPAIKIT_DOCS_LEDGER_ENTRIES_H_
#define GPAIKIT_DOCS_LEDGER_ENTRIES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::docs {

inline constexpr const char* kVersionKind = "mdf.version";
// The public summary of training content per model (AI Act Art. 53(1)(d)) and the copyright
// policy (Art. 53(1)(c); Code of Practice, Copyright, Measure 1.1), versioned like the Form.
inline constexpr const char* kSummaryVersionKind = "summary.version";
inline constexpr const char* kCopyrightPolicyVersionKind = "copyright-policy.version";
inline constexpr const char* kRequestOpenKind = "request.open";
inline constexpr const char* kRequestAnswerKind = "request.answer";

// One published version of one model's documentation.
struct PublishedVersion {
  int64_t seq = 0;   // ledger entry
  std::string hash;  // SHA-256 of the ledger entry (docs/ledger.md "The chain rule")
  int number = 0;    // 1, 2, ... per model
  std::string model;
  std::string time;  // UTC
  std::string author;
  std::string note;
  std::string retain_until;  // YYYY-MM-DD, or "" when the model is not yet placed
  // {"documentation": the document (mdf.version: gpaikit.mdf/1 with all rows; summary.version:
  // gpaikit.training-summary/1; copyright-policy.version: file, sha256, text), "rendered": {...}}
  nlohmann::json content;
};

// The versions of one kind (kVersionKind, kSummaryVersionKind, kCopyrightPolicyVersionKind) for
// one subject (a model id, or the policy's file), or for all subjects when `model` is empty.
Result<std::vector<PublishedVersion>> PublishedVersions(const store::Ledger& ledger,
                                                        const std::string& model = "",
                                                        const char* kind = kVersionKind);

// Appends a version: `documentation` is the document (FullJson for the Form), `rendered` maps
// file names to SHA-256.
Result<PublishedVersion> PublishVersion(store::Ledger& ledger, const std::string& model,
                                        const nlohmann::json& documentation,
                                        const nlohmann::json& rendered, const std::string& note,
                                        const std::string& author, const std::string& retain_until,
                                        const char* kind = kVersionKind);

// A downstream provider's request for additional information (Measure 1.2(4)).
struct Request {
  int number = 0;
  int64_t seq = 0;
  std::string from;
  std::string model;
  std::string subject;
  CivilDate received;
  CivilDate due;
  std::optional<CivilDate> answered;
  std::string answer_note;
  bool Overdue(const CivilDate& as_of) const { return !answered && as_of > due; }
  bool AnsweredLate() const { return answered && *answered > due; }
};

Result<std::vector<Request>> Requests(const store::Ledger& ledger);
// The requests as they stood at the end of `as_of`: those received later left out, answers dated
// later removed (--as-of shows the world as of that day).
std::vector<Request> RequestsAsOf(const std::vector<Request>& requests, const CivilDate& as_of);
// The versions published by the end of `as_of` (their UTC day), oldest first.
std::vector<PublishedVersion> VersionsAsOf(const std::vector<PublishedVersion>& versions,
                                           const CivilDate& as_of);
Result<Request> AddRequest(store::Ledger& ledger, const std::string& from, const std::string& model,
                           const std::string& subject, const CivilDate& received, int answer_days,
                           const std::string& author);
Result<Request> AnswerRequest(store::Ledger& ledger, int number, const CivilDate& answered,
                              const std::string& note, const std::string& author);

// Field-by-field differences between two JSON documents: one line per changed leaf,
// "path: old -> new" (added and removed leaves shown with "(absent)").
std::vector<std::string> DiffJson(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_LEDGER_ENTRIES_H_
