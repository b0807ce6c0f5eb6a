// Loads the Code of Practice rulepack (data/code-of-practice/*.yaml) strictly into typed tables
// (General-Purpose AI Code of Practice, all chapters; schema in docs/data-files.md section 1).
#include "gpaikit/law/code_of_practice.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "law/code_of_practice_internal.h"
#include "law/provenance_reader.h"

namespace gpaikit::law {

namespace fs = std::filesystem;

namespace internal {

std::string ReadSourceRef(MapReader& parent) {
  if (!parent.Has("source")) {
    parent.diagnostics().Error(parent.node().Mark(),
                               parent.PathOf("source") + ": required key is missing");
    return "";
  }
  MapReader ref(parent.Get("source"), parent.PathOf("source"), parent.diagnostics(),
                {"chapter", "commitment", "measure", "paragraph", "appendix", "spec"});
  std::string text = "Code of Practice, " + ref.String("chapter", true).value_or("");
  std::optional<int> commitment = ref.Integer("commitment");
  ref.String("spec", true);
  if (auto measure = ref.String("measure")) {
    text += ", Measure " + *measure;
  } else if (auto appendix = ref.String("appendix")) {
    text += ", Appendix " + *appendix;
  } else if (commitment) {
    text += ", Commitment " + std::to_string(*commitment);
  }
  if (auto paragraph = ref.String("paragraph")) text += ", paragraph " + *paragraph;
  return text;
}

CopClock ReadClock(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
                   const Vocabulary& vocabulary, const std::string& owner,
                   const std::string& source) {
  MapReader map(node, path, diagnostics,
                {"clock",         "kind",          "amount",      "amount_source",
                 "unit",          "from",          "until",       "or_earlier_on",
                 "incident_type", "applies_when",  "exempt_when", "applies_to_each",
                 "group",         "combine",       "extends",     "exception",
                 "action",        "unit_verified", "verified",    "note"});
  CopClock clock;
  clock.owner = owner;
  clock.source = source;
  clock.name = map.String("clock", true).value_or("");
  std::vector<std::string_view> kinds = Views(vocabulary.clock_kinds);
  clock.kind = map.Choice("kind", std::span(kinds), true).value_or("");
  clock.amount = map.Integer("amount");
  clock.amount_source =
      map.Choice("amount_source", {"set-in-request", "without-undue-delay", "reasonable-time"})
          .value_or("");
  std::vector<std::string_view> units = Views(vocabulary.units);
  clock.unit = map.Choice("unit", std::span(units), clock.amount.has_value()).value_or("");
  std::vector<std::string_view> events = Views(vocabulary.events);
  clock.from = map.Choice("from", std::span(events), true).value_or("");
  clock.until = map.Choice("until", std::span(events)).value_or("");
  clock.or_earlier_on = map.Choice("or_earlier_on", std::span(events)).value_or("");
  clock.incident_type = map.String("incident_type").value_or("");
  std::vector<std::string_view> conditions = Views(vocabulary.conditions);
  clock.applies_when = map.StringList("applies_when", std::span(conditions));
  clock.exempt_when = map.StringList("exempt_when", std::span(conditions));
  clock.applies_to_each = map.String("applies_to_each").value_or("");
  clock.group = map.String("group").value_or("");
  map.Choice("combine", {"earliest"});
  clock.extends = map.String("extends").value_or("");
  clock.verified = map.Choice("verified", kVerified, true).value_or("");
  clock.unit_verified = map.Choice("unit_verified", kVerified).value_or("");
  if (clock.kind != "by-event" && !clock.amount && clock.amount_source.empty() &&
      !clock.kind.empty()) {
    diagnostics.Error(node.Mark(), path + ": a '" + clock.kind +
                                       "' clock needs an amount, or amount_source when the "
                                       "amount is null");
  }
  return clock;
}

}  // namespace internal

namespace {

using internal::kVerified;
using internal::ReadClock;
using internal::ReadSourceRef;
using internal::Views;
using internal::Vocabulary;

std::vector<std::string> ReadIds(MapReader& root, std::string_view key,
                                 std::map<std::string, std::string>* descriptions = nullptr) {
  std::vector<std::string> ids;
  YAML::Node list = root.Sequence(key, true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], std::string(key) + "[" + std::to_string(i) + "]", root.diagnostics(),
                    {"id", "description"});
    ids.push_back(entry.String("id", true).value_or(""));
    std::string description = entry.String("description", true).value_or("");
    if (descriptions) (*descriptions)[ids.back()] = description;
  }
  return ids;
}

CopApplicability ReadApplicability(MapReader& parent, const Vocabulary& vocabulary) {
  MapReader map(
      parent.Get("applicability"), parent.PathOf("applicability"), parent.diagnostics(),
      {"applies_to", "open_source_exempt", "conditions", "exempt_when", "ends_on", "modifier_scope",
       "modifier_scope_verified", "voluntary_for_other_providers", "sme_variant", "note"});
  CopApplicability out;
  std::vector<std::string_view> applies = Views(vocabulary.applies_to);
  out.systemic_risk_only =
      map.Choice("applies_to", std::span(applies), true).value_or("") == "systemic-risk-only";
  out.open_source_exempt = map.Bool("open_source_exempt", true).value_or(false);
  std::vector<std::string_view> conditions = Views(vocabulary.conditions);
  out.conditions = map.StringList("conditions", std::span(conditions));
  out.exempt_when = map.StringList("exempt_when", std::span(conditions));
  std::vector<std::string_view> events = Views(vocabulary.events);
  out.ends_on = map.Choice("ends_on", std::span(events)).value_or("");
  out.limited_to_modification =
      map.Choice("modifier_scope", {"limited-to-modification"}).has_value();
  map.Choice("modifier_scope_verified", kVerified);
  out.voluntary_for_other_providers = map.Bool("voluntary_for_other_providers").value_or(false);
  return out;
}

CopEvidence ReadEvidence(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
                         const Vocabulary& vocabulary, const std::string& inherited_verified) {
  MapReader map(node, path, diagnostics,
                {"id", "kind", "description", "required", "verified", "applies_when", "exempt_when",
                 "paragraph", "form_rows", "form_audience", "annex_xi", "per_item_of",
                 "requires_items", "minimum_per_evaluation", "satisfied_by", "note"});
  CopEvidence evidence;
  evidence.id = map.String("id", true).value_or("");
  std::vector<std::string_view> kinds = Views(vocabulary.evidence_kinds);
  evidence.kind = map.Choice("kind", std::span(kinds), true).value_or("");
  evidence.description = map.String("description", true).value_or("");
  evidence.required = map.Bool("required").value_or(true);
  evidence.verified = map.Choice("verified", kVerified).value_or(inherited_verified);
  std::vector<std::string_view> conditions = Views(vocabulary.conditions);
  evidence.applies_when = map.StringList("applies_when", std::span(conditions));
  evidence.exempt_when = map.StringList("exempt_when", std::span(conditions));
  evidence.paragraph = map.String("paragraph").value_or("");
  map.StringList("form_rows");
  map.String("form_audience");
  map.StringList("annex_xi");
  evidence.per_item_of =
      map.Choice("per_item_of", {"CoP-SS-A4", "serious_incident_template"}).value_or("");
  evidence.requires_items = map.StringList("requires_items");
  evidence.minimum_per_evaluation = map.Integer("minimum_per_evaluation");
  evidence.satisfied_by = map.StringList("satisfied_by");
  return evidence;
}

// The third-draft mapping of a chapter, commitment or measure (spec section 5.2); `out` is null
// where only the keys are checked. Every measure states it (an empty list when the draft had
// nothing that became it).
void ReadThirdDraft(MapReader& map, CopMeasure* out) {
  std::vector<std::string> draft = map.StringList("third_draft", {}, out != nullptr);
  std::string verified = map.Choice("third_draft_verified", kVerified).value_or("");
  std::string note = map.String("third_draft_note").value_or("");
  if (!out) return;
  out->third_draft = std::move(draft);
  out->third_draft_verified = std::move(verified);
  out->third_draft_note = std::move(note);
}

// A measure's named list of `{id, title, verified}` items (Measure 7.6's update grounds and its
// exceptions to the six-monthly update); absent: empty.
std::vector<AppendixItem> ReadNamedItems(MapReader& map, const std::string& key,
                                         Diagnostics& diagnostics) {
  std::vector<AppendixItem> items;
  YAML::Node list = map.Sequence(key);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], map.PathOf(key) + "[" + std::to_string(i) + "]", diagnostics,
                    {"id", "title", "verified"});
    items.push_back(
        {entry.String("id", true).value_or(""), entry.String("title", true).value_or("")});
    entry.Choice("verified", kVerified, true);
  }
  return items;
}

CopMeasure ReadMeasure(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
                       const Vocabulary& vocabulary, const CopChapter& chapter, int commitment,
                       const CopApplicability& inherited) {
  MapReader map(
      node, path, diagnostics,
      {"id", "number", "title", "summary", "applicability", "evidence", "clocks", "uses_appendices",
       "update_triggers", "periodic_exceptions", "sme_variant", "unit_note", "annex_mapping_note",
       "source", "verified", "third_draft", "third_draft_verified", "third_draft_note"});
  CopMeasure measure;
  measure.chapter_id = chapter.id;
  measure.chapter_key = chapter.key;
  measure.commitment = commitment;
  measure.id = map.String("id", true).value_or("");
  measure.number = map.String("number", true).value_or("");
  measure.title = map.String("title", true).value_or("");
  measure.summary = map.String("summary", true).value_or("");
  measure.verified = map.Choice("verified", kVerified, true).value_or("");
  measure.source = ReadSourceRef(map);
  measure.applicability = map.Has("applicability") ? ReadApplicability(map, vocabulary) : inherited;
  if (!map.Has("applicability")) {
    diagnostics.Error(node.Mark(), map.PathOf("applicability") + ": required key is missing");
  }
  if (!measure.id.empty() && measure.id != chapter.id + "-" + measure.number) {
    diagnostics.Error(map.MarkOf("id"), map.PathOf("id") + ": expected '" + chapter.id + "-" +
                                            measure.number + "' (chapter id and number)");
  }
  if (!measure.number.empty() &&
      measure.number.substr(0, measure.number.find('.')) != std::to_string(commitment)) {
    diagnostics.Error(map.MarkOf("number"), map.PathOf("number") +
                                                ": expected to start with the commitment number " +
                                                std::to_string(commitment));
  }
  YAML::Node evidence = map.Sequence("evidence", true);
  for (size_t i = 0; i < evidence.size(); ++i) {
    measure.evidence.push_back(ReadEvidence(evidence[i],
                                            map.PathOf("evidence") + "[" + std::to_string(i) + "]",
                                            diagnostics, vocabulary, measure.verified));
  }
  if (evidence.size() == 0) {
    diagnostics.Error(node.Mark(), map.PathOf("evidence") + ": expected at least one item");
  }
  // An alternative that satisfies an item instead is an item of the same measure.
  for (size_t i = 0; i < measure.evidence.size(); ++i) {
    for (const std::string& alternative : measure.evidence[i].satisfied_by) {
      bool known = std::any_of(measure.evidence.begin(), measure.evidence.end(),
                               [&](const CopEvidence& e) { return e.id == alternative; });
      if (!known) {
        diagnostics.Error(evidence[i]["satisfied_by"].Mark(),
                          map.PathOf("evidence") + "[" + std::to_string(i) + "].satisfied_by: '" +
                              alternative + "' is not an evidence id of " + measure.id);
      }
    }
  }
  YAML::Node clocks = map.Sequence("clocks");
  for (size_t i = 0; i < clocks.size(); ++i) {
    measure.clocks.push_back(ReadClock(clocks[i],
                                       map.PathOf("clocks") + "[" + std::to_string(i) + "]",
                                       diagnostics, vocabulary, measure.id, measure.source));
  }
  measure.uses_appendices = map.StringList("uses_appendices");
  measure.update_triggers = ReadNamedItems(map, "update_triggers", diagnostics);
  measure.periodic_exceptions = ReadNamedItems(map, "periodic_exceptions", diagnostics);
  map.String("sme_variant");
  map.String("unit_note");
  map.String("annex_mapping_note");
  ReadThirdDraft(map, &measure);
  return measure;
}

void ReadCommitments(MapReader& chapter_map, const Vocabulary& vocabulary, CopChapter& chapter) {
  YAML::Node list = chapter_map.Sequence("commitments", true);
  Diagnostics& diagnostics = chapter_map.diagnostics();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = chapter_map.PathOf("commitments") + "[" + std::to_string(i) + "]";
    MapReader map(list[i], path, diagnostics,
                  {"id", "number", "title", "legal_basis", "summary", "applicability",
                   "sme_variant", "source", "verified", "third_draft", "third_draft_verified",
                   "third_draft_note", "measures"});
    CopCommitment commitment;
    commitment.id = map.String("id", true).value_or("");
    commitment.number = map.Integer("number", true).value_or(0);
    commitment.title = map.String("title", true).value_or("");
    commitment.verified = map.Choice("verified", kVerified, true).value_or("");
    map.StringList("legal_basis");
    map.String("summary", true);
    map.String("sme_variant");
    ReadSourceRef(map);
    ReadThirdDraft(map, nullptr);
    if (commitment.id != chapter.id + "-C" + std::to_string(commitment.number)) {
      diagnostics.Error(map.MarkOf("id"), map.PathOf("id") + ": expected '" + chapter.id + "-C" +
                                              std::to_string(commitment.number) + "'");
    }
    CopApplicability inherited =
        map.Has("applicability") ? ReadApplicability(map, vocabulary) : chapter.applicability;
    YAML::Node measures = map.Sequence("measures", true);
    for (size_t m = 0; m < measures.size(); ++m) {
      commitment.measures.push_back(
          ReadMeasure(measures[m], map.PathOf("measures") + "[" + std::to_string(m) + "]",
                      diagnostics, vocabulary, chapter, commitment.number, inherited));
    }
    chapter.commitments.push_back(std::move(commitment));
  }
}

CopChapter ReadChapter(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
                       const Vocabulary& vocabulary, CodeOfPractice& code) {
  MapReader map(node, path, diagnostics,
                {"id", "key", "title", "legal_basis", "legal_basis_verified", "source_document",
                 "verified", "applicability", "third_draft", "third_draft_verified",
                 "third_draft_note", "removed_from_third_draft", "commitments", "appendices"});
  CopChapter chapter;
  chapter.id = map.Choice("id", {"CoP-T", "CoP-C", "CoP-SS"}, true).value_or("");
  chapter.key =
      map.Choice("key", {"transparency", "copyright", "safety-security"}, true).value_or("");
  chapter.title = map.String("title", true).value_or("");
  chapter.legal_basis = map.StringList("legal_basis", {}, true);
  map.Choice("legal_basis_verified", kVerified);
  map.String("source_document", true);
  chapter.verified = map.Choice("verified", kVerified, true).value_or("");
  chapter.applicability = ReadApplicability(map, vocabulary);
  ReadThirdDraft(map, nullptr);
  YAML::Node removed = map.Sequence("removed_from_third_draft");
  for (size_t i = 0; i < removed.size(); ++i) {
    MapReader item(removed[i],
                   map.PathOf("removed_from_third_draft") + "[" + std::to_string(i) + "]",
                   diagnostics, {"id", "title", "note", "verified"});
    item.String("id", true);
    item.String("title", true);
    item.Choice("verified", kVerified, true);
  }
  ReadCommitments(map, vocabulary, chapter);
  if (map.Has("appendices")) internal::ReadAppendices(map, vocabulary, code);
  return chapter;
}

void CheckIncidentDays(const CodeOfPractice& code, Diagnostics& diagnostics,
                       const YAML::Mark& mark) {
  for (const IncidentType& type : code.incident_types) {
    const CopClock* clock = code.FindClock("incident-initial-report-" + type.id);
    if (!clock || clock->incident_type != type.id || clock->amount != type.initial_report_days) {
      diagnostics.Error(mark, "incident_types: '" + type.id + "' says " +
                                  std::to_string(type.initial_report_days) +
                                  " days but no Measure 9.3 clock 'incident-initial-report-" +
                                  type.id + "' agrees");
    }
  }
}

}  // namespace

Result<CodeOfPractice> LoadCodeOfPracticeFile(const fs::path& path, std::string_view named) {
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(path.string());
  MapReader reader(*root, "", diagnostics,
                   {"schema", "rulepack", "title", "code_version", "published",
                    "adequacy_confirmed", "legal_effect", "confidentiality", "sources", "chapters",
                    "incident_types", "serious_incident_template", "evidence_kinds",
                    "applicability_values", "conditions", "events", "clock_kinds", "units"});
  CodeOfPractice code;
  reader.Choice("schema", {"gpaikit.rulepack.code-of-practice/1"}, true);
  code.rulepack = reader.String("rulepack", true).value_or("");
  if (!named.empty() && reader.Has("rulepack")) {
    CheckStatedVersion(reader, diagnostics, "rulepack", code.rulepack, std::string(named));
  }
  code.title = reader.String("title", true).value_or("");
  code.code_version =
      reader
          .Choice("code_version",
                  {"draft1-2024-11-14", "draft2-2024-12", "draft3-2025-03-11", "final-2025-07-10"},
                  true)
          .value_or("");
  code.published = reader.Date("published", true).value_or(CivilDate());
  reader.Date("adequacy_confirmed");
  reader.String("legal_effect");
  reader.String("confidentiality");
  Vocabulary vocabulary{ReadIds(reader, "evidence_kinds"),
                        ReadIds(reader, "applicability_values"),
                        ReadIds(reader, "conditions", &code.condition_descriptions),
                        ReadIds(reader, "events"),
                        ReadIds(reader, "clock_kinds"),
                        ReadIds(reader, "units")};
  code.conditions = vocabulary.conditions;
  YAML::Node sources = reader.Sequence("sources", true);
  for (size_t i = 0; i < sources.size(); ++i) {
    MapReader source(
        sources[i], "sources[" + std::to_string(i) + "]", diagnostics,
        {"id", "title", "url", "read_in_full", "sha256", "bytes", "hash_verified", "note"});
    source.String("id", true);
    source.String("title", true);
    source.String("url", true);
  }
  YAML::Node chapters = reader.Sequence("chapters", true);
  for (size_t i = 0; i < chapters.size(); ++i) {
    code.chapters.push_back(ReadChapter(chapters[i], "chapters[" + std::to_string(i) + "]",
                                        diagnostics, vocabulary, code));
  }
  internal::ReadIncidentTypes(reader, code);
  internal::ReadTemplate(reader, code);
  if (chapters.size() != 3) {
    diagnostics.Error(reader.MarkOf("chapters"),
                      "chapters: expected exactly three (CoP-T, CoP-C, CoP-SS)");
  }
  // Ids are unique across the file.
  std::set<std::string> seen;
  for (const CopMeasure* measure : code.Measures()) {
    if (!seen.insert(measure->id).second) {
      diagnostics.Error(reader.MarkOf("chapters"),
                        "chapters: measure id '" + measure->id + "' appears more than once");
    }
    for (const CopEvidence& evidence : measure->evidence) {
      if (!seen.insert(evidence.id).second) {
        diagnostics.Error(reader.MarkOf("chapters"),
                          "chapters: evidence id '" + evidence.id + "' appears more than once");
      }
    }
  }
  if (diagnostics.ok()) CheckIncidentDays(code, diagnostics, reader.MarkOf("incident_types"));
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return code;
}

Result<CodeOfPractice> LoadCodeOfPractice(const fs::path& data_dir, std::string_view version) {
  std::string chosen(version);
  if (chosen.empty()) {
    std::vector<std::string> installed = DataFileVersions(data_dir / "code-of-practice", "");
    if (installed.empty()) {
      return Status::NotFound((data_dir / "code-of-practice").string() +
                              ": no Code of Practice rulepack (<version>.yaml)");
    }
    chosen = installed.back();
  }
  fs::path path = data_dir / "code-of-practice" / (chosen + ".yaml");
  if (!fs::exists(path)) {
    return Status::NotFound(path.string() + ": Code of Practice rulepack '" + chosen +
                            "' is not installed");
  }
  return LoadCodeOfPracticeFile(path, "code-of-practice/" + chosen);
}

std::vector<const CopMeasure*> CodeOfPractice::Measures() const {
  std::vector<const CopMeasure*> out;
  for (const CopChapter& chapter : chapters) {
    for (const CopCommitment& commitment : chapter.commitments) {
      for (const CopMeasure& measure : commitment.measures) out.push_back(&measure);
    }
  }
  return out;
}

const CopMeasure* CodeOfPractice::FindMeasure(std::string_view id) const {
  for (const CopMeasure* measure : Measures()) {
    if (measure->id == id) return measure;
  }
  return nullptr;
}

const CopChapter* CodeOfPractice::FindChapter(std::string_view id) const {
  for (const CopChapter& chapter : chapters) {
    if (chapter.id == id || chapter.key == id) return &chapter;
  }
  return nullptr;
}

const IncidentType* CodeOfPractice::FindIncidentType(std::string_view id) const {
  for (const IncidentType& type : incident_types) {
    if (type.id == id) return &type;
  }
  return nullptr;
}

const CopClock* CodeOfPractice::FindClock(std::string_view name) const {
  for (const CopMeasure* measure : Measures()) {
    for (const CopClock& clock : measure->clocks) {
      if (clock.name == name) return &clock;
    }
  }
  for (const CopClock& clock : appendix_clocks) {
    if (clock.name == name) return &clock;
  }
  return nullptr;
}

std::vector<std::string_view> CodeOfPractice::IncidentTypeIds() const {
  std::vector<std::string_view> ids;
  for (const IncidentType& type : incident_types) ids.push_back(type.id);
  return ids;
}

}  // namespace gpaikit::law
