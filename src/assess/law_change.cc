// Compares a project's findings under two versions of the law (`gpaikit check --law-from`;
// docs/law-changes.md), and maps findings under the final Code back to its third draft.
#include "gpaikit/assess/law_change.h"

#include <algorithm>
#include <map>
#include <set>

namespace gpaikit::assess {
namespace {

std::string DueText(const DutyFinding& duty) { return duty.due ? duty.due->ToString() : ""; }

// What a duty is "at" for a new or dropped entry: its due date, else its status.
std::string StateText(const DutyFinding& duty) {
  return duty.kind == "obligation" && duty.due ? std::string("due ").append(duty.due->ToString())
                                               : duty.status;
}

std::string Joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list) out.append(out.empty() ? "" : ", ").append(item);
  return out;
}

const DutyFinding* FindDuty(const ModelFindings* findings, const DutyFinding& duty) {
  if (findings == nullptr) return nullptr;
  for (const DutyFinding& candidate : findings->duties) {
    if (candidate.kind == duty.kind && candidate.id == duty.id) return &candidate;
  }
  return nullptr;
}

void CompareDuties(const ModelFindings* before, const ModelFindings& after, ModelLawChange& out) {
  for (const DutyFinding& duty : after.duties) {
    const DutyFinding* was = FindDuty(before, duty);
    if (was == nullptr) {
      out.duties.push_back(
          {"new", duty.kind, duty.id, duty.title, "", StateText(duty), duty.missing, ""});
      continue;
    }
    if (DueText(*was) != DueText(duty)) {
      out.duties.push_back(
          {"due-changed", duty.kind, duty.id, duty.title, DueText(*was), DueText(duty), {}, ""});
    }
    std::vector<std::string> now_missing;
    for (const std::string& item : duty.missing) {
      if (std::find(was->missing.begin(), was->missing.end(), item) == was->missing.end()) {
        now_missing.push_back(item);
      }
    }
    if (was->status != duty.status) {
      out.duties.push_back({"status-changed", duty.kind, duty.id, duty.title, was->status,
                            duty.status, now_missing, ""});
    } else if (was->missing != duty.missing) {
      out.duties.push_back({"evidence-changed", duty.kind, duty.id, duty.title,
                            Joined(was->missing), Joined(duty.missing), now_missing, ""});
    }
  }
  if (before == nullptr) return;
  for (const DutyFinding& duty : before->duties) {
    if (FindDuty(&after, duty) == nullptr) {
      out.duties.push_back(
          {"dropped", duty.kind, duty.id, duty.title, StateText(duty), "", {}, ""});
    }
  }
}

// (row, audience) -> the row's finding.
using RowIndex = std::map<std::pair<std::string, std::string>, const RowFinding*>;

RowIndex IndexRows(const ModelFindings* findings) {
  RowIndex index;
  if (findings == nullptr) return index;
  for (const RowFinding& row : findings->required_rows) index[{row.row, row.audience}] = &row;
  return index;
}

// The rows of `from` that `other` lacks, one change per row with its audiences, in `from`'s order.
void RowsOnlyIn(const ModelFindings* from, const RowIndex& other, const std::string& change,
                ModelLawChange& out) {
  if (from == nullptr) return;
  std::map<std::string, size_t> at;  // row id -> its change in out.rows
  for (const RowFinding& row : from->required_rows) {
    if (other.contains({row.row, row.audience})) continue;
    auto found = at.find(row.row);
    if (found == at.end()) {
      at[row.row] = out.rows.size();
      out.rows.push_back({change, row.row, row.name, {row.audience}, row.status});
    } else {
      out.rows[found->second].audiences.push_back(row.audience);
    }
  }
}

}  // namespace

size_t LawChange::Count(std::string_view change) const {
  size_t count = 0;
  for (const ModelLawChange& model : models) {
    for (const DutyChange& duty : model.duties) count += duty.change == change;
    for (const RowChange& row : model.rows) count += row.change == change;
  }
  return count;
}

LawChange CompareFindings(const LawFindings& before, const LawFindings& after) {
  LawChange out;
  for (const LawTextVersion& text : after.law) {
    std::string was;
    for (const LawTextVersion& old : before.law) {
      if (old.key == text.key) was = old.version;
    }
    out.law.push_back({text.key, was, text.version});
  }
  for (const ModelFindings& model : after.models) {
    const ModelFindings* was = nullptr;
    for (const ModelFindings& old : before.models) {
      if (old.model_id == model.model_id) was = &old;
    }
    ModelLawChange change{model.model_id, model.model_name, {}, {}};
    CompareDuties(was, model, change);
    RowsOnlyIn(&model, IndexRows(was), "now-required", change);
    RowsOnlyIn(was, IndexRows(&model), "no-longer-required", change);
    out.models.push_back(std::move(change));
  }
  return out;
}

void AddThirdDraftChanges(const law::LawDiff& draft, const LawFindings& after, LawChange& change) {
  for (LawTextChange& text : change.law) {
    if (text.key == "code_of_practice") text.before = draft.old_label;
  }
  std::map<std::string, const law::ItemChange*> mapped;  // final measure id ->
  std::vector<const law::ItemChange*> removed;
  for (const law::ItemChange& item : draft.items) {
    if (item.collection != "measures") continue;
    if (item.change == "removed") {
      removed.push_back(&item);
    } else {
      mapped[item.id] = &item;
    }
  }
  for (const ModelFindings& model : after.models) {
    auto target =
        std::find_if(change.models.begin(), change.models.end(),
                     [&](const ModelLawChange& m) { return m.model_id == model.model_id; });
    if (target == change.models.end()) {
      change.models.push_back({model.model_id, model.model_name, {}, {}});
      target = change.models.end() - 1;
    }
    std::set<std::string> chapters;  // chapters some measure of which applies to the model
    for (const DutyFinding& duty : model.duties) {
      if (duty.kind != "measure") continue;
      chapters.insert(duty.chapter);
      auto found = mapped.find(duty.id);
      if (found == mapped.end()) {
        target->duties.push_back({"new", "measure", duty.id, duty.title, "", duty.status,
                                  duty.missing, "no measure of the third draft became it"});
        continue;
      }
      const law::ItemChange& item = *found->second;
      std::string note;
      for (const law::FieldChange& field : item.fields) {
        if (field.field == "text") note = field.before;
      }
      target->duties.push_back({item.change == "changed" ? "text-changed" : item.change,
                                "measure",
                                duty.id,
                                duty.title,
                                std::string("draft ").append(Joined(item.old_ids)),
                                duty.id,
                                {},
                                note});
    }
    for (const law::ItemChange* item : removed) {
      if (!chapters.contains(item->within)) continue;
      std::string note = "the final Code removed this measure of the third draft";
      for (const law::FieldChange& field : item->fields) {
        if (field.field == "note" && !field.before.empty()) note.append(": ").append(field.before);
      }
      target->duties.push_back(
          {"dropped", "measure", item->id, item->title, "draft " + item->id, "", {}, note});
    }
  }
}

}  // namespace gpaikit::assess
