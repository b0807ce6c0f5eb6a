// Loads the Model Documentation Form (data/forms/model-documentation-form-*.yaml) into typed rows,
// strictly (Code of Practice, Transparency, Measure 1.1; schema in docs/data-files.md section 2).
#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/law/form.h"
#include "law/provenance_reader.h"

namespace gpaikit::law::form {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPrefix = "model-documentation-form-";
constexpr std::string_view kSchema = "gpaikit.form.model-documentation/1";
constexpr std::array<std::string_view, 10> kKinds = {
    "text",         "date",   "choice",       "per-modality", "list",
    "link-or-text", "number", "number-group", "range",        "order-of-magnitude"};

std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// A bin end: a number, null (open), or {months: n}.
std::optional<double> ReadBinEnd(const YAML::Node& node, const std::string& path,
                                 Diagnostics& diagnostics, bool& in_months) {
  if (node.IsNull()) return std::nullopt;
  if (node.IsMap()) {
    MapReader months(node, path, diagnostics, {"months"});
    in_months = true;
    return months.Quantity("months", true);
  }
  std::optional<double> value = ParseQuantity(node.Scalar());
  if (!value) diagnostics.Error(node.Mark(), path + ": expected a number, null or {months: N}");
  return value;
}

Kind ReadKind(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"type",
                    "recommended_words",
                    "recommended_words_note",
                    "not_applicable_allowed",
                    "examples",
                    "multiple",
                    "options",
                    "other_label",
                    "no_licence_text",
                    "options_verified",
                    "options_note",
                    "of_row",
                    "item",
                    "asset_examples",
                    "fixed_alternative",
                    "unit",
                    "min_significant_figures",
                    "per_split",
                    "unit_required",
                    "unit_examples",
                    "not_applicable_condition",
                    "derived_from",
                    "derivation",
                    "derivation_note",
                    "period_description_required",
                    "values",
                    "ranges",
                    "boundaries_shared",
                    "boundary_note"});
  Kind kind;
  kind.type = reader.Choice("type", kKinds, true).value_or("");
  kind.recommended_words = reader.Integer("recommended_words").value_or(0);
  kind.not_applicable_allowed = reader.Bool("not_applicable_allowed").value_or(false);
  kind.multiple = reader.Bool("multiple").value_or(false);
  kind.options = reader.StringList("options");
  kind.other_label = reader.String("other_label").value_or("");
  kind.of_row = reader.String("of_row").value_or("");
  kind.fixed_alternative = reader.String("fixed_alternative").value_or("");
  kind.unit = reader.String("unit").value_or("");
  kind.min_significant_figures = reader.Integer("min_significant_figures").value_or(0);
  kind.per_split = reader.StringList("per_split");
  kind.unit_required = reader.Bool("unit_required").value_or(false);
  kind.derived_from = reader.String("derived_from").value_or("");
  kind.derivation =
      reader.Choice("derivation", {"round-to-1-significant-figure", "order-of-magnitude"})
          .value_or("");
  kind.period_description_required = reader.Bool("period_description_required").value_or(false);
  YAML::Node item = reader.Has("item") ? reader.Get("item") : YAML::Node();
  if (item.IsMap()) {
    MapReader fields(item, path + ".item", diagnostics, {"fields"});
    kind.fields = fields.StringList("fields", {}, true);
  } else if (reader.Has("item") && item.Scalar() != "text") {
    diagnostics.Error(item.Mark(), path + ".item: expected 'text' or {fields: [...]}");
  }
  YAML::Node values = reader.Sequence("values");
  for (size_t i = 0; i < values.size(); ++i) {
    MapReader value(values[i], At(path + ".values", i), diagnostics,
                    {"id", "unit", "min_significant_figures", "per"});
    kind.values.push_back(
        {value.String("id", true).value_or(""), value.String("unit", true).value_or(""),
         value.Integer("min_significant_figures").value_or(0), value.String("per").value_or("")});
  }
  YAML::Node ranges = reader.Sequence("ranges");
  for (size_t i = 0; i < ranges.size(); ++i) {
    std::string where = At(path + ".ranges", i);
    MapReader range(ranges[i], where, diagnostics, {"label", "min", "max", "note"});
    Bin bin;
    bin.label = range.String("label", true).value_or("");
    if (range.Has("min")) {
      bin.min = ReadBinEnd(range.Get("min"), where + ".min", diagnostics, bin.in_months);
    }
    if (range.Has("max")) {
      bin.max = ReadBinEnd(range.Get("max"), where + ".max", diagnostics, bin.in_months);
    }
    kind.bins.push_back(std::move(bin));
  }
  if (kind.type == "range" && kind.bins.empty()) {
    diagnostics.Error(node.Mark(), path + ": a range needs 'ranges'");
  }
  if ((kind.type == "range" || kind.type == "order-of-magnitude") && kind.derived_from.empty()) {
    diagnostics.Error(node.Mark(), path + ": a " + kind.type + " needs 'derived_from'");
  }
  return kind;
}

Annex ReadAnnex(MapReader& root, std::string_view key, Diagnostics& diagnostics) {
  std::string path(key);
  MapReader reader(root.Get(key), path, diagnostics,
                   {"title", "audiences", "source", "verified", "items"});
  Annex annex;
  annex.title = reader.String("title", true).value_or("");
  annex.audiences = reader.StringList("audiences", {"ai-office", "nca", "downstream"}, true);
  annex.provenance = law::ReadProvenance(reader);
  YAML::Node items = reader.Sequence("items", true);
  for (size_t i = 0; i < items.size(); ++i) {
    std::string where = At(path + ".items", i);
    MapReader entry(items[i], where, diagnostics,
                    {"id", "section", "text", "applies_to", "parts", "served_by_measures"});
    AnnexItem item;
    item.id = entry.String("id", true).value_or("");
    item.section = entry.Integer("section", true).value_or(0);
    item.text = entry.String("text", true).value_or("");
    item.systemic_risk_only =
        entry.Choice("applies_to", {"systemic-risk-only"}).value_or("") == "systemic-risk-only";
    YAML::Node parts = entry.Sequence("parts");
    for (size_t p = 0; p < parts.size(); ++p) {
      MapReader part(parts[p], At(where + ".parts", p), diagnostics, {"id", "text"});
      item.parts.push_back(part.String("id", true).value_or(""));
      part.String("text", true);
    }
    item.served_by_measures = entry.StringList("served_by_measures");
    annex.items.push_back(std::move(item));
  }
  return annex;
}

// Every annex reference of a row names an item, or a part of an item with parts.
void CheckAnnexReferences(const Annex& annex, const std::vector<std::string>& refs,
                          const YAML::Node& node, const std::string& path,
                          Diagnostics& diagnostics) {
  std::set<std::string> known;
  for (const AnnexItem& item : annex.items) {
    known.insert(item.id);
    for (const std::string& part : item.parts) known.insert(item.id + "." + part);
  }
  for (const std::string& ref : refs) {
    if (!known.contains(ref)) {
      diagnostics.Error(node.Mark(), path + ": '" + ref + "' is not an item of " + annex.title);
    }
  }
}

Row ReadRow(const YAML::Node& node, const std::string& path, const Form& form,
            Diagnostics& diagnostics) {
  MapReader reader(
      node, path, diagnostics,
      {"id", "section", "split_of", "name", "guidance", "audiences", "audiences_verified",
       "audiences_note", "kind", "annex_xi", "annex_xii", "annex_note", "source", "verified"});
  Row row;
  row.id = reader.String("id", true).value_or("");
  static const std::regex kId(R"(\d\.\d[a-c]?)");
  if (!row.id.empty() && !std::regex_match(row.id, kId)) {
    diagnostics.Error(reader.MarkOf("id"), path + ".id: expected a row id such as 1.1 or 2.7a");
  }
  row.section = reader.Integer("section", true).value_or(0);
  if (!row.id.empty() && row.section != row.id[0] - '0') {
    diagnostics.Error(reader.MarkOf("section"),
                      path + ".section: must equal the first digit of the id " + row.id);
  }
  row.split_of = reader.String("split_of").value_or("");
  row.name = reader.String("name", true).value_or("");
  row.guidance = reader.String("guidance", true).value_or("");
  row.audiences = reader.StringList("audiences", form.AudienceIds(), true);
  if (row.audiences.empty()) {
    diagnostics.Error(node.Mark(), path + ".audiences: expected at least one audience");
  }
  row.audiences_verified =
      reader.Choice("audiences_verified", {"primary", "secondary", "unverified"}).value_or("");
  if (reader.Has("kind")) {
    row.kind = ReadKind(reader.Get("kind"), path + ".kind", diagnostics);
  } else {
    diagnostics.Error(node.Mark(), path + ".kind: required key is missing");
  }
  row.annex_xi = reader.StringList("annex_xi", {}, true);
  row.annex_xii = reader.StringList("annex_xii", {}, true);
  CheckAnnexReferences(form.annex_xi, row.annex_xi, reader.Get("annex_xi"), path + ".annex_xi",
                       diagnostics);
  CheckAnnexReferences(form.annex_xii, row.annex_xii, reader.Get("annex_xii"), path + ".annex_xii",
                       diagnostics);
  row.provenance = law::ReadProvenance(reader);
  return row;
}

}  // namespace

bool Row::For(std::string_view audience) const {
  return std::find(audiences.begin(), audiences.end(), audience) != audiences.end();
}

const Row* Form::FindRow(std::string_view id) const {
  for (const Row& row : rows)
    if (row.id == id) return &row;
  return nullptr;
}

const Audience* Form::FindAudience(std::string_view id) const {
  for (const Audience& audience : audiences)
    if (audience.id == id) return &audience;
  return nullptr;
}

std::vector<std::string_view> Form::RowIds() const {
  std::vector<std::string_view> ids;
  for (const Row& row : rows) ids.push_back(row.id);
  return ids;
}

std::vector<std::string_view> Form::AudienceIds() const {
  std::vector<std::string_view> ids;
  for (const Audience& audience : audiences) ids.push_back(audience.id);
  return ids;
}

std::vector<const Row*> Form::RowsFor(std::string_view audience) const {
  std::vector<const Row*> out;
  for (const Row& row : rows)
    if (row.For(audience)) out.push_back(&row);
  return out;
}

Result<Form> LoadForm(const fs::path& path) {
  Result<YAML::Node> root_node = LoadYamlFile(path);
  if (!root_node.ok()) return root_node.status();
  Diagnostics diagnostics(path.string());
  MapReader root(
      *root_node, "", diagnostics,
      {"schema", "form", "title", "code_version", "source_document", "parse_source", "row_count",
       "verified", "annex_mapping_verified", "confidentiality", "routing_note", "obligations",
       "audiences", "header_fields", "sections", "rows", "annex_xi", "annex_xii"});
  if (root.String("schema", true).value_or("") != kSchema && diagnostics.ok()) {
    diagnostics.Error(root.MarkOf("schema"), "schema: expected " + std::string(kSchema));
  }
  Form form;
  form.form = root.String("form", true).value_or("");
  form.title = root.String("title", true).value_or("");
  root.String("code_version", true);
  form.confidentiality = root.String("confidentiality").value_or("");
  form.annex_mapping_verified =
      root.Choice("annex_mapping_verified", {"primary", "secondary", "unverified"}, true)
          .value_or("");
  form.obligations = root.StringList("obligations", {}, true);
  YAML::Node audiences = root.Sequence("audiences", true);
  for (size_t i = 0; i < audiences.size(); ++i) {
    MapReader entry(audiences[i], At("audiences", i), diagnostics,
                    {"id", "label", "spec_tag", "when"});
    form.audiences.push_back(
        {entry.String("id", true).value_or(""), entry.String("label", true).value_or(""),
         entry.String("spec_tag", true).value_or(""), entry.String("when", true).value_or("")});
  }
  YAML::Node headers = root.Sequence("header_fields", true);
  for (size_t i = 0; i < headers.size(); ++i) {
    MapReader entry(headers[i], At("header_fields", i), diagnostics,
                    {"id", "name", "kind", "verified", "source"});
    HeaderField field{entry.String("id", true).value_or(""),
                      entry.String("name", true).value_or(""), law::ReadProvenance(entry)};
    entry.String("kind", true);
    form.header_fields.push_back(std::move(field));
  }
  YAML::Node sections = root.Sequence("sections", true);
  for (size_t i = 0; i < sections.size(); ++i) {
    MapReader entry(sections[i], At("sections", i), diagnostics, {"number", "title"});
    form.sections.push_back(
        {entry.Integer("number", true).value_or(0), entry.String("title", true).value_or("")});
  }
  form.annex_xi = ReadAnnex(root, "annex_xi", diagnostics);
  form.annex_xii = ReadAnnex(root, "annex_xii", diagnostics);
  YAML::Node rows = root.Sequence("rows", true);
  std::set<std::string> seen;
  for (size_t i = 0; i < rows.size(); ++i) {
    Row row = ReadRow(rows[i], At("rows", i), form, diagnostics);
    if (!seen.insert(row.id).second) {
      diagnostics.Error(rows[i].Mark(), At("rows", i) + ".id: duplicate row id '" + row.id + "'");
    }
    form.rows.push_back(std::move(row));
  }
  for (size_t i = 0; i < form.rows.size(); ++i) {
    for (const std::string& ref : {form.rows[i].kind.derived_from, form.rows[i].kind.of_row}) {
      if (!ref.empty() && !form.FindRow(ref)) {
        diagnostics.Error(rows[i].Mark(), At("rows", i) + ".kind: no row '" + ref + "'");
      }
    }
  }
  std::optional<int> row_count = root.Integer("row_count", true);
  if (row_count && *row_count != static_cast<int>(form.rows.size())) {
    diagnostics.Error(root.MarkOf("row_count"), "row_count: says " + std::to_string(*row_count) +
                                                    " but the file has " +
                                                    std::to_string(form.rows.size()) + " rows");
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return form;
}

Result<Form> LoadDocumentationForm(const fs::path& data_dir, std::string_view version) {
  Result<fs::path> path = VersionedDataFile(data_dir / "forms", kPrefix, version, "form");
  if (!path.ok()) return path.status();
  return LoadForm(*path);
}

}  // namespace gpaikit::law::form
