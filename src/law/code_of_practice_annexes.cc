// Loads the Safety and Security appendices, the serious-incident types and the AI Office's
// reporting template from the Code rulepack (Code of Practice, Safety and Security, Appendices
// 1-4 and Measures 9.2-9.3; AI Act Art. 3(49); docs/data-files.md sections 1.10-1.11).
#include "law/code_of_practice_internal.h"

namespace gpaikit::law::internal {
namespace {

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void ReadSection(const YAML::Node& node, const std::string& path, const Vocabulary& vocabulary,
                 const std::string& source, Diagnostics& diagnostics, CodeOfPractice& code) {
  MapReader map(node, path, diagnostics,
                {"id", "number", "title", "items", "examples", "groups", "criteria", "rules",
                 "benefits", "summary", "exempt_when", "clocks", "note"});
  std::string id = map.String("id", true).value_or("");
  map.String("number", true);
  map.String("title", true);
  map.StringList("examples");
  map.StringList("rules");
  map.StringList("benefits");
  std::vector<std::string_view> conditions = Views(vocabulary.conditions);
  map.StringList("exempt_when", std::span(conditions));
  YAML::Node items = map.Sequence("items");
  for (size_t i = 0; i < items.size(); ++i) {
    MapReader item(items[i], Index(map.PathOf("items"), i), diagnostics,
                   {"id", "text", "title", "summary"});
    AppendixItem entry{item.String("id", true).value_or(""), ""};
    if (id == "CoP-SS-A1.4") {
      entry.title = item.String("title", true).value_or("");
      item.String("summary", true);
      code.specified_risks.push_back(std::move(entry));
    } else {
      item.String("text", true);
    }
  }
  YAML::Node groups = map.Sequence("groups");
  for (size_t i = 0; i < groups.size(); ++i) {
    MapReader group(groups[i], Index(map.PathOf("groups"), i), diagnostics,
                    {"id", "number", "title", "count", "items"});
    group.String("id", true);
    std::vector<std::string> listed = group.StringList("items", {}, true);
    if (std::optional<int> count = group.Integer("count");
        count && *count != static_cast<int>(listed.size())) {
      diagnostics.Error(group.MarkOf("count"),
                        group.PathOf("count") + ": says " + std::to_string(*count) + " but " +
                            std::to_string(listed.size()) + " items are listed");
    }
  }
  YAML::Node criteria = map.Sequence("criteria");
  for (size_t i = 0; i < criteria.size(); ++i) {
    MapReader criterion(criteria[i], Index(map.PathOf("criteria"), i), diagnostics, {"id", "text"});
    criterion.String("id", true);
    criterion.String("text", true);
  }
  YAML::Node clocks = map.Sequence("clocks");
  for (size_t i = 0; i < clocks.size(); ++i) {
    code.appendix_clocks.push_back(
        ReadClock(clocks[i], Index(map.PathOf("clocks"), i), diagnostics, vocabulary, id, source));
  }
}

}  // namespace

void ReadAppendices(MapReader& chapter, const Vocabulary& vocabulary, CodeOfPractice& code) {
  Diagnostics& diagnostics = chapter.diagnostics();
  YAML::Node list = chapter.Sequence("appendices");
  for (size_t a = 0; a < list.size(); ++a) {
    MapReader map(list[a], Index(chapter.PathOf("appendices"), a), diagnostics,
                  {"id", "number", "title", "verified", "source", "third_draft",
                   "third_draft_verified", "third_draft_note", "note", "sections", "items"});
    std::string id = map.String("id", true).value_or("");
    map.String("number", true);
    map.String("title", true);
    map.Choice("verified", kVerified, true);
    std::string source = ReadSourceRef(map);
    map.StringList("third_draft");
    map.Choice("third_draft_verified", kVerified);
    YAML::Node sections = map.Sequence("sections");
    for (size_t s = 0; s < sections.size(); ++s) {
      ReadSection(sections[s], Index(map.PathOf("sections"), s), vocabulary, source, diagnostics,
                  code);
    }
    YAML::Node items = map.Sequence("items");
    for (size_t i = 0; i < items.size(); ++i) {
      MapReader item(items[i], Index(map.PathOf("items"), i), diagnostics,
                     {"id", "number", "objective", "listed_measure", "clocks"});
      AppendixItem entry{item.String("id", true).value_or(""),
                         item.String("objective", true).value_or("")};
      item.String("number", true);
      item.String("listed_measure", true);
      YAML::Node clocks = item.Sequence("clocks");
      for (size_t c = 0; c < clocks.size(); ++c) {
        code.appendix_clocks.push_back(ReadClock(clocks[c], Index(item.PathOf("clocks"), c),
                                                 diagnostics, vocabulary, entry.id, source));
      }
      if (id == "CoP-SS-A4") code.security_objectives.push_back(std::move(entry));
    }
  }
}

void ReadIncidentTypes(MapReader& root, CodeOfPractice& code) {
  YAML::Node list = root.Sequence("incident_types", true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader map(list[i], Index("incident_types", i), root.diagnostics(),
                  {"id", "description", "art_3_49", "initial_report_days", "verified"});
    IncidentType type;
    type.id = map.String("id", true).value_or("");
    type.description = map.String("description", true).value_or("");
    type.art_3_49 = map.String("art_3_49").value_or("");
    type.initial_report_days = map.Integer("initial_report_days", true).value_or(0);
    type.verified = map.Choice("verified", kVerified, true).value_or("");
    code.incident_types.push_back(std::move(type));
  }
}

void ReadTemplate(MapReader& root, CodeOfPractice& code) {
  MapReader map(root.Get("serious_incident_template"), "serious_incident_template",
                root.diagnostics(), {"source", "verified", "labels_verified", "items"});
  if (!root.Has("serious_incident_template")) {
    root.diagnostics().Error(root.node().Mark(),
                             "serious_incident_template: required key is missing");
  }
  MapReader source(map.Get("source"), map.PathOf("source"), root.diagnostics(),
                   {"document", "spec"});
  code.template_source = source.String("spec", true).value_or("");
  source.String("document", true);
  code.template_verified = map.Choice("verified", kVerified, true).value_or("");
  map.Choice("labels_verified", kVerified);
  YAML::Node items = map.Sequence("items", true);
  for (size_t i = 0; i < items.size(); ++i) {
    MapReader entry(
        items[i], Index(map.PathOf("items"), i), root.diagnostics(),
        {"id", "number", "m9_2_point", "description", "in_initial_report", "verified", "note"});
    TemplateItem item;
    item.id = entry.String("id", true).value_or("");
    item.number = entry.Integer("number", true).value_or(0);
    item.m9_2_point = entry.String("m9_2_point").value_or("");
    item.description = entry.String("description", true).value_or("");
    item.in_initial_report = entry.Bool("in_initial_report", true).value_or(false);
    item.verified = entry.Choice("verified", kVerified).value_or(code.template_verified);
    if (item.number != static_cast<int>(i) + 1) {
      root.diagnostics().Error(entry.MarkOf("number"), entry.PathOf("number") + ": expected " +
                                                           std::to_string(i + 1) +
                                                           " (items are numbered in order)");
    }
    code.template_items.push_back(std::move(item));
  }
}

}  // namespace gpaikit::law::internal
