// `gpaikit check --law-from`'s output: JSON schema gpaikit.check-law-change/1 and the text for
// people (docs/law-changes.md).
#include <array>
#include <utility>

#include "gpaikit/assess/law_change.h"

namespace gpaikit::assess {
namespace {

using nlohmann::json;

// Duty changes in the order they are shown, with their headings.
constexpr std::array<std::pair<const char*, const char*>, 9> kDutyChanges = {{
    {"new", "new duties"},
    {"dropped", "duties no longer owed"},
    {"due-changed", "changed due dates"},
    {"status-changed", "status changed"},
    {"evidence-changed", "evidence expected changed"},
    {"text-changed", "text changed since the third draft"},
    {"merged", "merged from several draft measures"},
    {"split", "split from one draft measure"},
    {"renumbered", "renumbered from the third draft"},
}};

constexpr std::array<std::pair<const char*, const char*>, 2> kRowChanges = {{
    {"now-required", "Form rows now required"},
    {"no-longer-required", "Form rows no longer required"},
}};

json TextOrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

std::string Joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list) out.append(out.empty() ? "" : ", ").append(item);
  return out;
}

std::string DutyLine(const DutyChange& duty) {
  std::string line = "    " + duty.kind + " " + duty.id;
  if (!duty.title.empty()) line.append(": ").append(duty.title);
  if (!duty.before.empty() && !duty.after.empty()) {
    line.append(" (").append(duty.before).append(" -> ").append(duty.after).append(")");
  } else if (!duty.after.empty()) {
    line.append(" (").append(duty.after).append(")");
  } else if (!duty.before.empty()) {
    line.append(" (was ").append(duty.before).append(")");
  }
  line += "\n";
  if (!duty.now_missing.empty())
    line.append("      now missing: ").append(Joined(duty.now_missing)) += "\n";
  if (!duty.note.empty()) line.append("      note: ").append(duty.note) += "\n";
  return line;
}

}  // namespace

json LawChangeJson(const LawChange& change, const CivilDate& as_of) {
  json law = json::array();
  for (const LawTextChange& text : change.law) {
    law.push_back({{"key", text.key},
                   {"before", TextOrNull(text.before)},
                   {"after", TextOrNull(text.after)},
                   {"changed", text.before != text.after}});
  }
  json models = json::array();
  for (const ModelLawChange& model : change.models) {
    json duties = json::array();
    for (const DutyChange& duty : model.duties) {
      duties.push_back({{"change", duty.change},
                        {"kind", duty.kind},
                        {"id", duty.id},
                        {"title", duty.title},
                        {"before", TextOrNull(duty.before)},
                        {"after", TextOrNull(duty.after)},
                        {"now_missing", duty.now_missing},
                        {"note", TextOrNull(duty.note)}});
    }
    json rows = json::array();
    for (const RowChange& row : model.rows) {
      rows.push_back({{"change", row.change},
                      {"row", row.row},
                      {"name", row.name},
                      {"audiences", row.audiences},
                      {"status", row.status}});
    }
    models.push_back(
        {{"id", model.model_id}, {"name", model.model_name}, {"duties", duties}, {"rows", rows}});
  }
  json counts = json::object();
  for (const auto& [key, heading] : kDutyChanges) counts[key] = change.Count(key);
  for (const auto& [key, heading] : kRowChanges) counts[key] = change.Count(key);
  return {{"schema", "gpaikit.check-law-change/1"},
          {"as_of", as_of.ToString()},
          {"law", law},
          {"models", models},
          {"counts", counts}};
}

std::string LawChangeText(const LawChange& change, const CivilDate& as_of) {
  std::string out = "How the findings change with the law (as of ";
  out.append(as_of.ToString()).append("):\n");
  for (const LawTextChange& text : change.law) {
    out.append("  ").append(text.key).append(": ");
    if (text.before == text.after) {
      out.append(text.after).append(" (unchanged)\n");
    } else {
      out.append(text.before.empty() ? "(none)" : text.before)
          .append(" -> ")
          .append(text.after.empty() ? "(none)" : text.after) += "\n";
    }
  }
  for (const ModelLawChange& model : change.models) {
    out.append("\nmodel ").append(model.model_id);
    if (!model.model_name.empty()) out.append(" (").append(model.model_name).append(")");
    out += "\n";
    if (model.duties.empty() && model.rows.empty()) out += "  nothing changes\n";
    for (const auto& [key, heading] : kDutyChanges) {
      size_t count = 0;
      for (const DutyChange& duty : model.duties) count += duty.change == key;
      if (count == 0) continue;
      out.append("  ").append(heading).append(" (").append(std::to_string(count)).append("):\n");
      for (const DutyChange& duty : model.duties) {
        if (duty.change == key) out += DutyLine(duty);
      }
    }
    for (const auto& [key, heading] : kRowChanges) {
      size_t count = 0;
      for (const RowChange& row : model.rows) count += row.change == key;
      if (count == 0) continue;
      out.append("  ").append(heading).append(" (").append(std::to_string(count)).append("):\n");
      for (const RowChange& row : model.rows) {
        if (row.change != key) continue;
        out.append("    row ").append(row.row).append(" ").append(row.name);
        out.append(" (").append(Joined(row.audiences)).append("; ").append(row.status) += ")\n";
      }
    }
  }
  out += "\nsummary:";
  for (const auto& [key, heading] : kDutyChanges) {
    out.append(" ").append(std::to_string(change.Count(key))).append(" ").append(key) += ",";
  }
  for (const auto& [key, heading] : kRowChanges) {
    out.append(" ").append(std::to_string(change.Count(key))).append(" ").append(key) += ",";
  }
  out.back() = '\n';
  return out;
}

}  // namespace gpaikit::assess
