// Reads the project's Safety and Security documentation: safety/framework.yaml,
// safety/register.yaml and safety/model-reports.yaml (Code of Practice, Safety and Security,
// Measures 1.1-1.4, 2.1-2.2, 3.2, 4.1, 5.1 and 7.1-7.7; Appendix 1.4; format in docs/safety.md).
#include <algorithm>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/text.h"
#include "gpaikit/safety/safety.h"

namespace gpaikit::safety {
namespace {

namespace fs = std::filesystem;

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::vector<std::string> DocumentEvidence(const law::CodeOfPractice& code,
                                          std::initializer_list<std::string_view> measures,
                                          bool paragraph_only) {
  std::vector<std::string> ids;
  for (std::string_view id : measures) {
    const law::CopMeasure* measure = code.FindMeasure(id);
    if (!measure) continue;
    for (const law::CopEvidence& evidence : measure->evidence) {
      if (evidence.kind == "document" && (!paragraph_only || !evidence.paragraph.empty())) {
        ids.push_back(evidence.id);
      }
    }
  }
  return ids;
}

// A map of required-content id -> reference; relative file references must exist.
std::map<std::string, std::string> ReadReferences(MapReader& parent, std::string_view key,
                                                  const std::vector<std::string>& allowed,
                                                  const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!parent.Has(key)) return out;
  YAML::Node node = parent.Get(key);
  if (!node.IsMap()) {
    parent.diagnostics().Error(node.Mark(), parent.PathOf(key) +
                                                ": expected a mapping of "
                                                "evidence id: file or address");
    return out;
  }
  for (const auto& entry : node) {
    std::string id = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), id) == allowed.end()) continue;
    if (!entry.second.IsScalar() || entry.second.Scalar().empty()) {
      parent.diagnostics().Error(entry.second.Mark(),
                                 parent.PathOf(key) + "." + id + ": expected a file or address");
      continue;
    }
    std::string ref = entry.second.Scalar();
    std::string file = ref.substr(0, ref.find('#'));
    std::error_code error;  // a name the file system refuses (too long) is no file either
    if (ref.find("://") == std::string::npos && !file.empty() && !fs::exists(root / file, error)) {
      parent.diagnostics().Error(
          entry.second.Mark(),
          parent.PathOf(key) + "." + id + ": file '" + file + "' does not exist next to this file");
    }
    out[id] = ref;
  }
  return out;
}

// Measure 10.2: the published summary of a Framework or Model Report, "" when none is marked
// published. A file relative to the safety/ folder (no anchor, inside the project) that exists,
// or an https:// address.
std::string ReadPublicSummary(MapReader& map, const fs::path& safety_folder) {
  std::optional<std::string> value = map.String("public_summary");
  if (!value) return "";
  const std::string where = map.PathOf("public_summary");
  if (value->find("://") != std::string::npos) {
    if (value->starts_with("https://") && value->size() > 8) return *value;
    map.diagnostics().Error(map.MarkOf("public_summary"),
                            where + ": expected an https:// address or a file next to this file");
    return "";
  }
  if (value->find('#') != std::string::npos || !CheckRelativePath(*value, "public_summary").ok()) {
    map.diagnostics().Error(map.MarkOf("public_summary"),
                            where +
                                ": expected a file in the safety/ folder (no anchor, no '..') "
                                "or an https:// address");
    return "";
  }
  std::error_code error;  // a name the file system refuses (too long) is no file either
  if (!fs::is_regular_file(safety_folder / *value, error)) {
    map.diagnostics().Error(map.MarkOf("public_summary"),
                            where + ": file '" + *value + "' does not exist next to this file");
    return "";
  }
  return *value;
}

// Reports keys under `key` that are not required items, with the nearest one suggested.
void CheckKeys(MapReader& parent, std::string_view key, const std::vector<std::string>& allowed) {
  if (!parent.Has(key) || !parent.Get(key).IsMap()) return;
  std::vector<std::string_view> names(allowed.begin(), allowed.end());
  for (const auto& entry : parent.Get(key)) {
    std::string id = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), id) != allowed.end()) continue;
    parent.diagnostics().Error(entry.first.Mark(), parent.PathOf(key) + "." + id +
                                                       ": not a required item of the Code" +
                                                       DidYouMean(id, names));
  }
}

void ReadFramework(const fs::path& root, const law::CodeOfPractice& code,
                   SafetyDocumentation& documentation, Diagnostics& diagnostics,
                   const YAML::Node& node) {
  MapReader map(
      node, "", diagnostics,
      {"title", "document", "models", "contents", "versions", "assessments", "public_summary"});
  Framework framework;
  framework.file = diagnostics.file();
  framework.title = map.String("title", true).value_or("");
  framework.public_summary = ReadPublicSummary(map, root / "safety");
  std::vector<std::string> contents = FrameworkContentIds(code);
  contents.push_back("SS-1.1.framework");
  CheckKeys(map, "contents", contents);
  framework.contents = ReadReferences(map, "contents", contents, root / "safety");
  framework.models = map.StringList("models");
  YAML::Node versions = map.Sequence("versions", true);
  for (size_t i = 0; i < versions.size(); ++i) {
    MapReader entry(versions[i], Index("versions", i), diagnostics,
                    {"version", "confirmed", "sent_to_ai_office", "changelog"});
    FrameworkVersion version;
    version.version = entry.String("version", true).value_or("");
    version.confirmed = entry.Date("confirmed", true).value_or(CivilDate());
    version.sent_to_ai_office = entry.Date("sent_to_ai_office");
    version.changelog = entry.String("changelog", true).value_or("");
    framework.versions.push_back(std::move(version));
  }
  YAML::Node assessments = map.Sequence("assessments");
  for (size_t i = 0; i < assessments.size(); ++i) {
    MapReader entry(assessments[i], Index("assessments", i), diagnostics, {"date", "note"});
    if (auto date = entry.Date("date", true)) framework.assessments.push_back(*date);
  }
  documentation.framework = std::move(framework);
}

Risk ReadRisk(MapReader& map) {
  Risk risk;
  risk.id = map.String("id", true).value_or("");
  risk.title = map.String("title", true).value_or("");
  risk.tiers = map.StringList("tiers");
  risk.acceptance_criteria = map.String("acceptance_criteria").value_or("");
  risk.scenarios = map.StringList("scenarios");
  risk.mitigations = map.StringList("mitigations");
  risk.determination = map.Choice("determination", {"acceptable", "not-acceptable"}).value_or("");
  risk.determined_on = map.Date("determined_on", !risk.determination.empty());
  YAML::Node evaluations = map.Sequence("evaluations");
  for (size_t i = 0; i < evaluations.size(); ++i) {
    MapReader entry(evaluations[i], Index(map.PathOf("evaluations"), i), map.diagnostics(),
                    {"date", "method", "result", "samples"});
    RiskEvaluation evaluation;
    evaluation.date = entry.Date("date", true).value_or(CivilDate());
    evaluation.method = entry.String("method", true).value_or("");
    evaluation.result = entry.String("result", true).value_or("");
    evaluation.samples = entry.Integer("samples");
    risk.evaluations.push_back(std::move(evaluation));
  }
  return risk;
}

void ReadRegisters(SafetyDocumentation& documentation, Diagnostics& diagnostics,
                   const YAML::Node& node) {
  MapReader root(node, "", diagnostics, {"registers"});
  YAML::Node list = root.Sequence("registers", true);
  for (size_t r = 0; r < list.size(); ++r) {
    MapReader map(list[r], Index("registers", r), diagnostics, {"model", "risks"});
    RiskRegister reg;
    reg.file = diagnostics.file();
    reg.model = map.String("model", true).value_or("");
    YAML::Node risks = map.Sequence("risks", true);
    for (size_t i = 0; i < risks.size(); ++i) {
      MapReader risk(risks[i], Index(map.PathOf("risks"), i), diagnostics,
                     {"id", "title", "tiers", "acceptance_criteria", "scenarios", "evaluations",
                      "mitigations", "determination", "determined_on"});
      reg.risks.push_back(ReadRisk(risk));
    }
    documentation.registers.push_back(std::move(reg));
  }
}

// The ids of one of Measure 7.6's lists in the rulepack (update triggers, periodic exceptions).
std::vector<std::string_view> Measure76Ids(const law::CodeOfPractice& code,
                                           std::vector<law::AppendixItem> law::CopMeasure::*list) {
  std::vector<std::string_view> ids;
  if (const law::CopMeasure* m76 = code.FindMeasure("CoP-SS-7.6")) {
    for (const law::AppendixItem& item : m76->*list) ids.push_back(item.id);
  }
  return ids;
}

// Measure 7.6 update grounds: `trigger` is one of the rulepack's update_triggers of CoP-SS-7.6.
void ReadUpdateGrounds(MapReader& map, const law::CodeOfPractice& code, ModelReport& report) {
  std::vector<std::string_view> triggers = Measure76Ids(code, &law::CopMeasure::update_triggers);
  YAML::Node grounds = map.Sequence("update_grounds");
  for (size_t i = 0; i < grounds.size(); ++i) {
    MapReader entry(grounds[i], Index(map.PathOf("update_grounds"), i), map.diagnostics(),
                    {"trigger", "aware", "change_available", "note"});
    UpdateGround ground;
    ground.trigger = entry.Choice("trigger", std::span(triggers), true).value_or("");
    ground.aware = entry.Date("aware", true).value_or(CivilDate());
    ground.change_available = entry.Date("change_available");
    ground.note = entry.String("note").value_or("");
    report.update_grounds.push_back(std::move(ground));
  }
}

// Measure 7.6 exceptions to the six-monthly update: `exception` is one of the rulepack's
// periodic_exceptions of CoP-SS-7.6.
void ReadPeriodicExceptions(MapReader& map, const law::CodeOfPractice& code, ModelReport& report) {
  std::vector<std::string_view> ids = Measure76Ids(code, &law::CopMeasure::periodic_exceptions);
  YAML::Node list = map.Sequence("periodic_exceptions");
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader entry(list[i], Index(map.PathOf("periodic_exceptions"), i), map.diagnostics(),
                    {"exception", "date", "note"});
    PeriodicException exception;
    exception.exception = entry.Choice("exception", std::span(ids), true).value_or("");
    exception.date = entry.Date("date", true).value_or(CivilDate());
    exception.note = entry.String("note").value_or("");
    report.periodic_exceptions.push_back(std::move(exception));
  }
}

void ReadReports(const fs::path& root, const law::CodeOfPractice& code,
                 SafetyDocumentation& documentation, Diagnostics& diagnostics,
                 const YAML::Node& node) {
  MapReader top(node, "", diagnostics, {"reports"});
  YAML::Node list = top.Sequence("reports", true);
  std::vector<std::string> sections = ModelReportSectionIds(code);
  for (size_t r = 0; r < list.size(); ++r) {
    MapReader map(list[r], Index("reports", r), diagnostics,
                  {"model", "most_capable", "sections", "versions", "update_grounds",
                   "periodic_exceptions", "public_summary"});
    ModelReport report;
    report.file = diagnostics.file();
    report.model = map.String("model", true).value_or("");
    report.most_capable = map.Bool("most_capable").value_or(false);
    report.public_summary = ReadPublicSummary(map, root / "safety");
    CheckKeys(map, "sections", sections);
    report.sections = ReadReferences(map, "sections", sections, root / "safety");
    YAML::Node versions = map.Sequence("versions", true);
    for (size_t i = 0; i < versions.size(); ++i) {
      MapReader entry(versions[i], Index(map.PathOf("versions"), i), diagnostics,
                      {"version", "date", "sent_to_ai_office", "interim", "changelog"});
      ModelReportVersion version;
      version.version = entry.String("version", true).value_or("");
      version.date = entry.Date("date", true).value_or(CivilDate());
      version.sent_to_ai_office = entry.Date("sent_to_ai_office");
      version.interim = entry.Bool("interim").value_or(false);
      version.changelog = entry.String("changelog", true).value_or("");
      report.versions.push_back(std::move(version));
    }
    ReadUpdateGrounds(map, code, report);
    ReadPeriodicExceptions(map, code, report);
    documentation.reports.push_back(std::move(report));
  }
}

}  // namespace

std::vector<std::string> FrameworkContentIds(const law::CodeOfPractice& code) {
  return DocumentEvidence(code, {"CoP-SS-1.1"}, true);
}

std::vector<std::string> ModelReportSectionIds(const law::CodeOfPractice& code) {
  return DocumentEvidence(
      code, {"CoP-SS-7.1", "CoP-SS-7.2", "CoP-SS-7.3", "CoP-SS-7.4", "CoP-SS-7.5"}, false);
}

const RiskRegister* SafetyDocumentation::RegisterFor(const std::string& model) const {
  for (const RiskRegister& reg : registers) {
    if (reg.model == model) return &reg;
  }
  return nullptr;
}

const ModelReport* SafetyDocumentation::ReportFor(const std::string& model) const {
  for (const ModelReport& report : reports) {
    if (report.model == model) return &report;
  }
  return nullptr;
}

Status ParseSafetyFile(std::string_view name, std::string_view text, const std::string& file,
                       const fs::path& project_root, const law::CodeOfPractice& code,
                       SafetyDocumentation& documentation) {
  using Reader = void (*)(const fs::path&, const law::CodeOfPractice&, SafetyDocumentation&,
                          Diagnostics&, const YAML::Node&);
  const std::pair<std::string_view, Reader> readers[] = {
      {"framework.yaml", ReadFramework},
      {"register.yaml", [](const fs::path&, const law::CodeOfPractice&, SafetyDocumentation& out,
                           Diagnostics& d, const YAML::Node& n) { ReadRegisters(out, d, n); }},
      {"model-reports.yaml", ReadReports}};
  for (const auto& [known, read] : readers) {
    if (known != name) continue;
    Result<YAML::Node> node = ParseYaml(text, file);
    if (!node.ok()) return node.status();
    Diagnostics diagnostics(file);
    read(project_root, code, documentation, diagnostics, *node);
    return diagnostics.ToStatus();
  }
  return Status::InvalidInput(file + ": not a safety/ file gpaikit reads");
}

Result<SafetyDocumentation> LoadSafetyDocumentation(const fs::path& project_root,
                                                    const law::CodeOfPractice& code) {
  SafetyDocumentation documentation;
  for (const char* name : {"framework.yaml", "register.yaml", "model-reports.yaml"}) {
    fs::path path = project_root / "safety" / name;
    if (!fs::exists(path)) continue;
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    Status parsed = ParseSafetyFile(name, *text, path.string(), project_root, code, documentation);
    if (!parsed.ok()) return parsed;
  }
  Result<std::vector<Incident>> incidents = LoadIncidents(project_root);
  if (!incidents.ok()) return incidents.status();
  documentation.incidents = std::move(*incidents);
  return documentation;
}

}  // namespace gpaikit::safety
