// Annex XI and XII coverage by the Model Documentation Form's rows, audience-aware, and the Code's
// answer clocks (AI Act Annexes XI, XII; Code of Practice, Transparency, Measures 1.1 and 1.2).
#include <algorithm>

#include "gpaikit/form.h"
#include "gpaikit/yaml_reader.h"

namespace gpaikit::form {
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
  std::filesystem::path path = data_dir / "code-of-practice" / (std::string(version) + ".yaml");
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  // Walks chapters[].commitments[].measures[].clocks[] for the named clock; the rest of the
  // file is the Code rulepack's loader's business.
  for (const YAML::Node& chapter : (*root)["chapters"]) {
    for (const YAML::Node& commitment : chapter["commitments"]) {
      for (const YAML::Node& measure : commitment["measures"]) {
        for (const YAML::Node& entry : measure["clocks"]) {
          if (entry["clock"].Scalar() != clock) continue;
          Diagnostics diagnostics(path.string());
          if (!entry["amount"].IsScalar() || entry["unit"].Scalar() != "days") {
            diagnostics.Error(entry.Mark(), std::string(clock) + ": expected an amount in days");
            return diagnostics.ToStatus();
          }
          law::Sourced<int> out;
          out.value = entry["amount"].as<int>();
          YAML::Node source = measure["source"];
          out.provenance.source = "Code of Practice, " + source["chapter"].Scalar() + ", Measure " +
                                  source["measure"].Scalar() + " " + source["paragraph"].Scalar();
          out.provenance.verified = entry["verified"].Scalar();
          return out;
        }
      }
    }
  }
  return Status::NotFound(path.string() + ": no clock '" + std::string(clock) + "'");
}

}  // namespace gpaikit::form
