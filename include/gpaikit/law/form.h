// The Model Documentation Form as typed data (data/forms/model-documentation-form-*.yaml): rows,
// audiences, value kinds and the Annex XI/XII items they serve (Code of Practice, Transparency,
// Measure 1.1; AI Act Annexes XI and XII).
#ifndef GPAIKIT_LAW_FORM_H_
#define GPAIKIT_LAW_FORM_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/law.h"

namespace gpaikit::law::form {

struct Audience {
  std::string id;  // ai-office | nca | downstream
  std::string label;
  std::string spec_tag;  // AIO | NCA | DP
  std::string when;
};

// One bin of a range row (2.7b, 7.1a). `in_months`: min/max are months, else plain numbers.
struct Bin {
  std::string label;
  std::optional<double> min;  // nullopt: open lower end
  std::optional<double> max;  // nullopt: open upper end
  bool in_months = false;
};

// One figure of a number-group row (7.1b).
struct GroupValue {
  std::string id;
  std::string unit;
  int min_significant_figures = 0;
  std::string per;
};

// What a row's value is and how it is validated (docs/data-files.md section 2.3).
struct Kind {
  std::string type;           // text date choice per-modality list link-or-text number number-group
                              // range order-of-magnitude
  int recommended_words = 0;  // 0: no recommendation
  bool not_applicable_allowed = false;
  bool multiple = false;
  std::vector<std::string> options;
  std::string other_label;
  std::string of_row;
  std::vector<std::string> fields;  // list items with named fields
  std::string fixed_alternative;
  std::string unit;
  int min_significant_figures = 0;
  std::vector<std::string> per_split;
  bool unit_required = false;
  std::string derived_from;
  std::string derivation;
  bool period_description_required = false;
  std::vector<GroupValue> values;
  std::vector<Bin> bins;
};

struct Row {
  std::string id;  // "1.1", "2.7a"
  int section = 0;
  std::string split_of;
  std::string name;  // verbatim
  std::string guidance;
  std::vector<std::string> audiences;
  std::string audiences_verified;  // "" when the row's own level applies
  Kind kind;
  std::vector<std::string> annex_xi;
  std::vector<std::string> annex_xii;
  law::Provenance provenance;

  bool For(std::string_view audience) const;
};

struct AnnexItem {
  std::string id;  // "1(a)", "2(c)", "S2.1"
  int section = 0;
  std::string text;
  bool systemic_risk_only = false;
  std::vector<std::string> parts;  // part ids; referenced as "<id>.<part>"
  std::vector<std::string> served_by_measures;
};

struct Annex {
  std::string title;
  std::vector<std::string> audiences;
  std::vector<AnnexItem> items;
  law::Provenance provenance;
};

struct Section {
  int number = 0;
  std::string title;
};

struct HeaderField {
  std::string id;
  std::string name;
  law::Provenance provenance;
};

struct Form {
  std::string form;  // model-documentation-form/2025-07
  std::string title;
  std::string confidentiality;
  std::string annex_mapping_verified;
  // The rulepack obligations the Form fulfils (AI Act Art. 53(1)(a)-(b)): the documentation is
  // required exactly when one of them applies.
  std::vector<std::string> obligations;
  std::vector<Audience> audiences;
  std::vector<HeaderField> header_fields;
  std::vector<Section> sections;
  std::vector<Row> rows;  // in Form order
  Annex annex_xi;
  Annex annex_xii;

  const Row* FindRow(std::string_view id) const;
  const Audience* FindAudience(std::string_view id) const;
  std::vector<std::string_view> RowIds() const;
  std::vector<std::string_view> AudienceIds() const;
  // The rows routed to `audience`, in Form order.
  std::vector<const Row*> RowsFor(std::string_view audience) const;
};

// Loads a form file strictly: unknown keys, bad audiences, a row count other than `row_count`,
// or an annex reference to no item are errors naming file:line:column.
Result<Form> LoadForm(const std::filesystem::path& path);
// data_dir/forms/model-documentation-form-<version>.yaml; an empty version means the newest.
Result<Form> LoadDocumentationForm(const std::filesystem::path& data_dir,
                                   std::string_view version = "");

// Coverage of one annex item by the form (docs/data-files.md section 2.4).
struct ItemCoverage {
  std::string item;                            // "1(a)", or a part "2(c).curation"
  std::vector<std::string> rows;               // rows that list it
  std::vector<std::string> audiences_missing;  // annex audiences no covering row is routed to
  bool served_outside_form = false;            // served_by_measures, no row
  bool covered() const { return !rows.empty() || served_outside_form; }
};

// Every item (and every part of items with parts) of `annex` with the rows that serve it.
std::vector<ItemCoverage> AnnexCoverage(const Form& form, const Annex& annex, bool is_annex_xi);

// A clock from the Code of Practice rulepack (data/code-of-practice/<version>.yaml), e.g. the
// 14 days for answering a downstream provider (Transparency, Measure 1.2(4)).
Result<law::Sourced<int>> LoadCodeClockDays(const std::filesystem::path& data_dir,
                                            std::string_view version, std::string_view clock);

}  // namespace gpaikit::law::form

#endif  // GPAIKIT_LAW_FORM_H_
