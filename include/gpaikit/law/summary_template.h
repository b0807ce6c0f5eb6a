// The Commission's template for the public summary of training content as typed data
// (data/forms/training-content-summary-*.yaml; AI Act Art. 53(1)(d), template C(2025) 5235 final).
#ifndef GPAIKIT_LAW_SUMMARY_TEMPLATE_H_
#define GPAIKIT_LAW_SUMMARY_TEMPLATE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/law.h"

namespace gpaikit::law::summary {

// One size range of a modality (template section 1.3). An absent end is open.
struct SizeBucket {
  std::string label;
  std::vector<std::string> aliases;  // other spellings the template uses
  std::optional<double> min;
  bool min_inclusive = true;
  std::optional<double> max;
  bool max_inclusive = true;

  bool Contains(double value) const;
};

struct ModalitySizes {
  std::string modality;  // text | image | audio | video | other
  std::string unit;      // tokens | images | hours | "" (other: free text)
  std::string note;
  std::string free_text;  // "other": what the template asks instead of a range
  std::vector<SizeBucket> buckets;
  law::Provenance provenance;

  // The bucket holding `value`, or nullptr (e.g. "other", or a negative value).
  const SizeBucket* BucketFor(double value) const;
};

// Template 2.3 footnote 16: which crawled domains are listed.
struct TopDomainRule {
  double share = 0;             // 0.10
  double sme_share = 0;         // 0.05
  int sme_cap = 0;              // 1000
  std::string sme_combination;  // lower
  std::vector<std::string> sme_provider_sizes;
  std::string rounding;  // ceil
  std::string text;
  law::Provenance provenance;
  std::string sme_verified;
  std::string rounding_verified;

  // How many of `domain_count` domains to list: ceil(share x n); for an SME provider
  // min(ceil(sme_share x n), sme_cap) ("whichever is lower").
  long long Count(long long domain_count, bool sme) const;
  bool IsSme(std::string_view provider_size) const;
};

struct SourcedText {
  std::string text;
  law::Provenance provenance;
};

struct Field {
  std::string id;
  std::string section;  // "1.1", "2.2.1"
  std::string label;    // verbatim
  std::string kind;     // text yes-no modalities date period size-table list domain-list
  std::string guidance;
  std::string note;
  std::string applies_to = "all";  // all | non-eu | modifiers
  std::vector<std::string> when;   // yes-no field ids; applies when any is "yes"
  bool optional = false;
  law::Provenance provenance;
};

struct Section {
  std::string number;  // "1", "2.2.1"
  std::string title;
};

struct Template {
  std::string form;  // training-content-summary/2025-07
  std::string title;
  std::string instrument;
  std::string reissue_note;
  law::Provenance provenance;
  SourcedText who;
  SourcedText modifiers;
  SourcedText modifiers_summary_link;  // link the base model's summary (UNVERIFIED field note)
  SourcedText publication_new_models;
  SourcedText publication_legacy_models;
  int update_months = 0;
  SourcedText update_cadence;
  TopDomainRule top_domains;
  std::vector<ModalitySizes> sizes;  // in template order
  std::vector<Field> header_fields;
  std::vector<Section> sections;
  std::vector<Field> fields;  // in template order

  const Field* FindField(std::string_view id) const;
  const Section* FindSection(std::string_view number) const;
  const ModalitySizes* FindSizes(std::string_view modality) const;
};

// Loads a template file strictly: unknown keys, unknown sections or `when` ids, a field count other
// than `field_count` are errors naming file:line:column.
Result<Template> LoadTemplate(const std::filesystem::path& path);
// data_dir/forms/training-content-summary-<version>.yaml; an empty version means the newest.
Result<Template> LoadSummaryTemplate(const std::filesystem::path& data_dir,
                                     std::string_view version = "");

}  // namespace gpaikit::law::summary

#endif  // GPAIKIT_LAW_SUMMARY_TEMPLATE_H_
