// TDMRep tdmrep.json reader and location matching (W3C TDMRep final report, "TDM File").
#include "gpaikit/optout/tdmrep.h"

#include <nlohmann/json.hpp>

#include "gpaikit/base/json_error.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

// 1-based line and column of byte `offset` in `text`.
std::pair<uint32_t, uint32_t> LineColumn(std::string_view text, size_t offset) {
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Offsets where each element of the top-level JSON array starts, objects or not, so that every
// rule (a wrong-shaped one included) gets its own place. Strings are skipped so that brackets and
// commas inside them do not count.
std::vector<size_t> ElementStarts(std::string_view text) {
  std::vector<size_t> starts;
  int depth = 0;
  bool in_string = false;
  bool expect_element = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    if (depth == 1 && expect_element && c != ']') {
      starts.push_back(i);
      expect_element = false;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
      if (depth == 1) expect_element = true;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect_element = true;
    }
  }
  return starts;
}

}  // namespace

Result<TdmRepFile> TdmRepFile::Parse(std::string_view json, std::string source) {
  TdmRepFile file;
  file.source_ = std::move(source);
  if (json.size() > kTdmRepMaxBytes) {
    return Status::InvalidInput(file.source_ + ": " + std::to_string(json.size()) +
                                " bytes exceed the limit of " + std::to_string(kTdmRepMaxBytes) +
                                " bytes for a tdmrep.json (as robots.txt's 500 KiB); not read");
  }
  nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    JsonError error = LocateJsonError(json);
    std::string place;
    if (error.offset != JsonError::npos) {
      auto [line, column] = LineColumn(json, error.offset);
      place = ":" + std::to_string(line) + ":" + std::to_string(column);
    }
    return Status::InvalidInput(file.source_ + place + ": invalid JSON (" + error.reason + ")");
  }
  if (!document.is_array()) {
    return Status::InvalidInput(file.source_ +
                                ":1:1: expected a JSON array of rules "
                                "([{\"location\": \"/\", \"tdm-reservation\": 1}])");
  }
  std::vector<size_t> starts = ElementStarts(json);
  // Line and column advance from one rule's start to the next: linear in the file (issue 14:
  // recounting from the start for each of 60,000 rules took seconds).
  size_t counted = 0;
  std::pair<uint32_t, uint32_t> place{1, 1};
  for (size_t i = 0; i < document.size(); ++i) {
    const nlohmann::json& entry = document[i];
    TdmRepRule rule;
    if (i < starts.size()) {
      std::pair<uint32_t, uint32_t> step =
          LineColumn(json.substr(counted, starts[i] - counted), starts[i] - counted);
      place = {place.first + step.first - 1,
               step.first > 1 ? step.second : place.second + step.second - 1};
      counted = starts[i];
      std::tie(rule.line, rule.column) = place;
    }
    if (!entry.is_object()) {
      rule.error = "expected an object with \"location\"";
      file.rules_.push_back(std::move(rule));
      continue;
    }
    auto location = entry.find("location");
    if (location == entry.end() || !location->is_string()) {
      rule.error = "\"location\" (a path pattern string) is missing";
    } else {
      rule.location = location->get<std::string>();
      // Percent-encoded unreserved characters are decoded before comparison (TDMRep, as RFC 9309).
      rule.normalized = NormalizePercentEncoding(rule.location);
    }
    auto reservation = entry.find("tdm-reservation");
    if (reservation != entry.end()) {
      if (reservation->is_number_integer() && (*reservation == 0 || *reservation == 1)) {
        rule.reservation = reservation->get<int>();
      } else if (rule.error.empty()) {
        rule.error = "\"tdm-reservation\" must be 0 or 1 (protocol error: treated as unset)";
      }
    }
    auto policy = entry.find("tdm-policy");
    if (policy != entry.end() && policy->is_string()) rule.policy = policy->get<std::string>();
    file.rules_.push_back(std::move(rule));
  }
  return file;
}

const TdmRepRule* TdmRepFile::Match(std::string_view path) const {
  std::string normalized;
  if (!IsPercentEncodingNormal(path)) {
    normalized = NormalizePercentEncoding(path);
    path = normalized;
  }
  for (const TdmRepRule& rule : rules_) {
    if (rule.location.empty()) continue;
    if (RobotsGlobMatches(rule.normalized, path)) return &rule;
  }
  return nullptr;
}

Signal TdmRepFile::SignalFor(std::string_view path) const {
  Signal signal;
  signal.kind = SignalKind::kTdmRepFile;
  signal.source = "tdmrep.json";
  signal.location = source_;
  const TdmRepRule* rule = Match(path);
  if (rule == nullptr) return signal;
  signal.line = rule->line;
  signal.rule = "{\"location\": \"" + rule->location + "\", \"tdm-reservation\": " +
                (rule->reservation < 0 ? std::string("?") : std::to_string(rule->reservation)) +
                "}";
  signal.policy = rule->policy;
  if (rule->reservation == 1) {
    signal.effect = SignalEffect::kReserves;
    signal.detail = "TDM rights reserved for locations matching '" + rule->location + "'";
  } else if (rule->reservation == 0) {
    signal.effect = SignalEffect::kPermits;
    signal.detail = "TDM rights not reserved for locations matching '" + rule->location + "'";
  } else {
    signal.effect = SignalEffect::kInvalid;
    signal.detail = rule->error.empty() ? "no tdm-reservation: unset" : rule->error;
  }
  return signal;
}

}  // namespace gpaikit::optout
