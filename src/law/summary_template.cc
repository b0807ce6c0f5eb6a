// Loads the training-content summary template (data/forms/training-content-summary-*.yaml) strictly
// (AI Act Art. 53(1)(d); template C(2025) 5235 final; schema in docs/summary.md).
#include "gpaikit/law/summary_template.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "law/provenance_reader.h"

namespace gpaikit::law::summary {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPrefix = "training-content-summary-";
constexpr std::string_view kSchema = "gpaikit.form.training-content-summary/1";
constexpr std::array<std::string_view, 8> kKinds = {
    "text", "yes-no", "modalities", "date", "period", "size-table", "list", "domain-list"};
constexpr std::array<std::string_view, 3> kAppliesTo = {"all", "non-eu", "modifiers"};
constexpr std::array<std::string_view, 3> kLevels = {"primary", "secondary", "unverified"};

std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// The mapping under `key`; an empty mapping (and an error) when it is absent, so that readers of
// it report its required keys too.
YAML::Node RequiredMap(MapReader& parent, std::string_view key, Diagnostics& diagnostics) {
  if (parent.Has(key)) return parent.Get(key);
  diagnostics.Error(parent.node().Mark(), parent.PathOf(key) + ": required key is missing");
  return YAML::Node(YAML::NodeType::Map);
}

SourcedText ReadSourcedText(MapReader& parent, std::string_view key, Diagnostics& diagnostics) {
  MapReader reader(RequiredMap(parent, key, diagnostics), parent.PathOf(key), diagnostics,
                   {"text", "source", "verified"});
  return {reader.String("text", true).value_or(""), law::ReadProvenance(reader)};
}

SizeBucket ReadBucket(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"label", "aliases", "min", "min_inclusive", "max", "max_inclusive"});
  SizeBucket bucket;
  bucket.label = reader.String("label", true).value_or("");
  bucket.aliases = reader.StringList("aliases");
  bucket.min = reader.Quantity("min");
  bucket.min_inclusive = reader.Bool("min_inclusive").value_or(true);
  bucket.max = reader.Quantity("max");
  bucket.max_inclusive = reader.Bool("max_inclusive").value_or(true);
  if (!bucket.min && !bucket.max) {
    diagnostics.Error(node.Mark(), path + ": a bucket needs 'min', 'max' or both");
  }
  return bucket;
}

ModalitySizes ReadSizes(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"modality", "unit", "note", "free_text", "buckets", "source", "verified"});
  ModalitySizes sizes;
  sizes.modality =
      reader.Choice("modality", {"text", "image", "audio", "video", "other"}, true).value_or("");
  sizes.unit = reader.String("unit", true).value_or("");
  sizes.note = reader.String("note").value_or("");
  sizes.free_text = reader.String("free_text").value_or("");
  YAML::Node buckets = reader.Sequence("buckets", true);
  for (size_t i = 0; i < buckets.size(); ++i) {
    sizes.buckets.push_back(ReadBucket(buckets[i], At(path + ".buckets", i), diagnostics));
  }
  // Consecutive buckets must meet: one's max is the next one's min, one end inclusive.
  for (size_t i = 1; i < sizes.buckets.size(); ++i) {
    const SizeBucket& low = sizes.buckets[i - 1];
    const SizeBucket& high = sizes.buckets[i];
    if (!low.max || !high.min || *low.max != *high.min || low.max_inclusive == high.min_inclusive) {
      diagnostics.Error(buckets[i].Mark(), At(path + ".buckets", i) +
                                               ": must start where the previous bucket ends, "
                                               "with exactly one of the two ends inclusive");
    }
  }
  sizes.provenance = law::ReadProvenance(reader);
  return sizes;
}

TopDomainRule ReadTopDomains(MapReader& root, Diagnostics& diagnostics) {
  MapReader reader(
      RequiredMap(root, "top_domains", diagnostics), "top_domains", diagnostics,
      {"share", "measure", "sme_share", "sme_cap", "sme_combination", "sme_provider_sizes",
       "rounding", "text", "source", "verified", "sme_verified", "rounding_verified"});
  TopDomainRule rule;
  rule.share = reader.NumberIn("share", 0, 1, true).value_or(0);
  reader.Choice("measure", {"content_bytes"}, true);
  rule.sme_share = reader.NumberIn("sme_share", 0, 1, true).value_or(0);
  rule.sme_cap = reader.Integer("sme_cap", true).value_or(0);
  rule.sme_combination = reader.Choice("sme_combination", {"lower"}, true).value_or("");
  rule.sme_provider_sizes = reader.StringList("sme_provider_sizes", {}, true);
  rule.rounding = reader.Choice("rounding", {"ceil"}, true).value_or("");
  rule.text = reader.String("text", true).value_or("");
  rule.provenance = law::ReadProvenance(reader);
  rule.sme_verified = reader.Choice("sme_verified", kLevels, true).value_or("");
  rule.rounding_verified = reader.Choice("rounding_verified", kLevels, true).value_or("");
  return rule;
}

Field ReadField(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"id", "section", "label", "kind", "guidance", "note", "applies_to", "when",
                    "optional", "source", "verified"});
  Field field;
  field.id = reader.String("id", true).value_or("");
  field.section = reader.String("section", true).value_or("");
  field.label = reader.String("label", true).value_or("");
  field.kind = reader.Choice("kind", kKinds, true).value_or("");
  field.guidance = reader.String("guidance").value_or("");
  field.note = reader.String("note").value_or("");
  field.applies_to = reader.Choice("applies_to", kAppliesTo).value_or("all");
  field.when = reader.StringList("when");
  field.optional = reader.Bool("optional").value_or(false);
  field.provenance = law::ReadProvenance(reader);
  return field;
}

}  // namespace

bool SizeBucket::Contains(double value) const {
  if (min && (min_inclusive ? value < *min : value <= *min)) return false;
  if (max && (max_inclusive ? value > *max : value >= *max)) return false;
  return true;
}

const SizeBucket* ModalitySizes::BucketFor(double value) const {
  if (value < 0) return nullptr;
  for (const SizeBucket& bucket : buckets)
    if (bucket.Contains(value)) return &bucket;
  return nullptr;
}

long long TopDomainRule::Count(long long domain_count, bool sme) const {
  // Template 2.3 footnote 16; rounding up is gpaikit's reading (rounding_verified).
  auto share_of = [domain_count](double fraction) {
    return static_cast<long long>(std::ceil(fraction * static_cast<double>(domain_count) - 1e-9));
  };
  if (!sme) return share_of(share);
  return std::min(share_of(sme_share), static_cast<long long>(sme_cap));
}

bool TopDomainRule::IsSme(std::string_view provider_size) const {
  return std::find(sme_provider_sizes.begin(), sme_provider_sizes.end(), provider_size) !=
         sme_provider_sizes.end();
}

const Field* Template::FindField(std::string_view id) const {
  for (const Field& field : fields)
    if (field.id == id) return &field;
  return nullptr;
}

const Section* Template::FindSection(std::string_view number) const {
  for (const Section& section : sections)
    if (section.number == number) return &section;
  return nullptr;
}

const ModalitySizes* Template::FindSizes(std::string_view modality) const {
  for (const ModalitySizes& entry : sizes)
    if (entry.modality == modality) return &entry;
  return nullptr;
}

Result<Template> LoadTemplate(const fs::path& path) {
  Result<YAML::Node> root_node = LoadYamlFile(path);
  if (!root_node.ok()) return root_node.status();
  Diagnostics diagnostics(path.string());
  MapReader root(
      *root_node, "", diagnostics,
      {"schema", "form", "title", "instrument", "reissue_note", "source", "verified", "who",
       "modifiers", "modifiers_summary_link", "publication", "update_cadence", "top_domains",
       "size_buckets", "header_fields", "sections", "fields", "field_count"});
  if (root.String("schema", true).value_or("") != kSchema && diagnostics.ok()) {
    diagnostics.Error(root.MarkOf("schema"), "schema: expected " + std::string(kSchema));
  }
  Template out;
  out.form = root.String("form", true).value_or("");
  out.title = root.String("title", true).value_or("");
  out.instrument = root.String("instrument", true).value_or("");
  out.reissue_note = root.String("reissue_note").value_or("");
  out.provenance = law::ReadProvenance(root);
  out.who = ReadSourcedText(root, "who", diagnostics);
  out.modifiers = ReadSourcedText(root, "modifiers", diagnostics);
  out.modifiers_summary_link = ReadSourcedText(root, "modifiers_summary_link", diagnostics);
  MapReader publication(RequiredMap(root, "publication", diagnostics), "publication", diagnostics,
                        {"new_models", "legacy_models"});
  out.publication_new_models = ReadSourcedText(publication, "new_models", diagnostics);
  out.publication_legacy_models = ReadSourcedText(publication, "legacy_models", diagnostics);
  MapReader cadence(RequiredMap(root, "update_cadence", diagnostics), "update_cadence", diagnostics,
                    {"months", "text", "source", "verified"});
  out.update_months = cadence.Integer("months", true).value_or(0);
  out.update_cadence = {cadence.String("text", true).value_or(""), law::ReadProvenance(cadence)};
  out.top_domains = ReadTopDomains(root, diagnostics);
  YAML::Node sizes = root.Sequence("size_buckets", true);
  for (size_t i = 0; i < sizes.size(); ++i) {
    out.sizes.push_back(ReadSizes(sizes[i], At("size_buckets", i), diagnostics));
  }
  YAML::Node headers = root.Sequence("header_fields", true);
  for (size_t i = 0; i < headers.size(); ++i) {
    out.header_fields.push_back(ReadField(headers[i], At("header_fields", i), diagnostics));
  }
  YAML::Node sections = root.Sequence("sections", true);
  for (size_t i = 0; i < sections.size(); ++i) {
    MapReader entry(sections[i], At("sections", i), diagnostics, {"number", "title"});
    out.sections.push_back(
        {entry.String("number", true).value_or(""), entry.String("title", true).value_or("")});
  }
  YAML::Node fields = root.Sequence("fields", true);
  std::set<std::string> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string where = At("fields", i);
    Field field = ReadField(fields[i], where, diagnostics);
    if (!field.section.empty() && !out.FindSection(field.section)) {
      diagnostics.Error(fields[i].Mark(), where + ".section: no section '" + field.section + "'");
    }
    for (const std::string& when : field.when) {
      const Field* gate = out.FindField(when);
      if (!gate || gate->kind != "yes-no") {
        diagnostics.Error(fields[i].Mark(),
                          where + ".when: '" + when + "' is not an earlier yes-no field");
      }
    }
    if (!seen.insert(field.id).second) {
      diagnostics.Error(fields[i].Mark(), where + ".id: duplicate field id '" + field.id + "'");
    }
    out.fields.push_back(std::move(field));
  }
  std::optional<int> count = root.Integer("field_count", true);
  if (count && *count != static_cast<int>(out.fields.size())) {
    diagnostics.Error(root.MarkOf("field_count"),
                      "field_count: says " + std::to_string(*count) + " but the file has " +
                          std::to_string(out.fields.size()) + " fields");
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return out;
}

Result<Template> LoadSummaryTemplate(const fs::path& data_dir, std::string_view version) {
  Result<fs::path> path =
      VersionedDataFile(data_dir / "forms", kPrefix, version, "summary template");
  if (!path.ok()) return path.status();
  return LoadTemplate(*path);
}

}  // namespace gpaikit::law::summary
