// Annex XI and XII coverage by the Model Documentation Form's rows, audience-aware, and the Code's
// answer clocks read through the Code rulepack loader (AI Act Annexes XI, XII; Code of Practice,
// Transparency, Measures 1.1 and 1.2).
#include <algorithm>

#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/law/form.h"

namespace gpaikit::law::form {
namespace {

bool Lists(const std::vector<std::string>& refs, const std::string& id) {
  return std::find(refs.begin(), refs.end(), id) != refs.end();
}

ItemCoverage Cover(const Form& form, const Annex& annex, bool is_annex_xi, const AnnexItem& item,
                   const std::string& key) {
  ItemCoverage coverage;
  coverage.item = key;
  std::vector<std::string> reached;
  for (const Row& row : form.rows) {
    const std::vector<std::string>& refs = is_annex_xi ? row.annex_xi : row.annex_xii;
    if (Lists(refs, key) || Lists(refs, item.id)) {
      coverage.rows.push_back(row.id);
      reached.insert(reached.end(), row.audiences.begin(), row.audiences.end());
    }
  }
  coverage.served_outside_form = coverage.rows.empty() && !item.served_by_measures.empty();
  if (!coverage.served_outside_form) {
    for (const std::string& audience : annex.audiences) {
      if (!Lists(reached, audience)) coverage.audiences_missing.push_back(audience);
    }
  }
  return coverage;
}

}  // namespace

std::vector<ItemCoverage> AnnexCoverage(const Form& form, const Annex& annex, bool is_annex_xi) {
  std::vector<ItemCoverage> out;
  for (const AnnexItem& item : annex.items) {
    if (item.parts.empty()) {
      out.push_back(Cover(form, annex, is_annex_xi, item, item.id));
    } else {
      for (const std::string& part : item.parts) {
        out.push_back(Cover(form, annex, is_annex_xi, item, item.id + "." + part));
      }
    }
  }
  return out;
}

Result<law::Sourced<int>> LoadCodeClockDays(const std::filesystem::path& data_dir,
                                            std::string_view version, std::string_view clock) {
  Result<law::CodeOfPractice> code = law::LoadCodeOfPractice(data_dir, version);
  if (!code.ok()) return code.status();
  for (const law::CopMeasure* measure : code->Measures()) {
    for (const law::CopClock& entry : measure->clocks) {
      if (entry.name != clock) continue;
      if (!entry.amount || entry.unit != "days") {
        return Status::InvalidInput("code-of-practice/" + std::string(version) + ": clock '" +
                                    std::string(clock) + "' is not a number of days");
      }
      law::Sourced<int> out;
      out.value = *entry.amount;
      out.provenance.source = measure->source;
      out.provenance.verified = entry.verified.empty() ? measure->verified : entry.verified;
      return out;
    }
  }
  return Status::NotFound("code-of-practice/" + std::string(version) + ": no clock '" +
                          std::string(clock) + "'");
}

}  // namespace gpaikit::law::form
