// `gpaikit check --crosswalk`: per framework item, covered / partly / not covered / not applicable
// / no mapping from the gap assessment's measure statuses (docs/crosswalks.md).
#include "cli/crosswalk_check.h"

#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

using nlohmann::json;

report::Tone CoverageTone(assess::Coverage coverage) {
  switch (coverage) {
    case assess::Coverage::kCovered:
      return report::Tone::kGood;
    case assess::Coverage::kPartly:
      return report::Tone::kWarn;
    case assess::Coverage::kNotCovered:
      return report::Tone::kBad;
    case assess::Coverage::kNotApplicable:
    case assess::Coverage::kNoMapping:
      return report::Tone::kMuted;
  }
  return report::Tone::kPlain;
}

// "CoP-SS-9.3 met, CoP-SS-9.2 partial"
std::string MeasureList(const assess::ItemCoverage& item) {
  std::string out;
  for (const assess::MeasureAssessment* m : item.measures) {
    out += (out.empty() ? "" : ", ") + m->measure->id + " " + assess::MeasureStatusName(m->status);
  }
  return out.empty() ? "-" : out;
}

json SummaryJson(const assess::CrosswalkCoverage& coverage) {
  return {{"covered", coverage.covered},
          {"partly", coverage.partly},
          {"not_covered", coverage.not_covered},
          {"not_applicable", coverage.not_applicable},
          {"no_mapping", coverage.no_mapping}};
}

}  // namespace

std::vector<std::string> CrosswalkChoices() {
  std::vector<std::string> out;
  for (std::string_view f : assess::CrosswalkFrameworks()) out.emplace_back(f);
  return out;
}

Result<std::vector<assess::Crosswalk>> LoadCrosswalks(const std::vector<std::string>& frameworks,
                                                      const law::CodeOfPractice& code) {
  std::vector<assess::Crosswalk> out;
  for (const std::string& framework : frameworks) {
    Result<assess::Crosswalk> crosswalk = assess::LoadCrosswalk(DataDir(), framework, code);
    if (!crosswalk.ok()) return crosswalk.status();
    out.push_back(std::move(*crosswalk));
  }
  return out;
}

CrosswalkOutput CrosswalkReport(const std::vector<assess::Crosswalk>& crosswalks,
                                const assess::ModelGapAssessment& gaps,
                                const std::string& model_id) {
  CrosswalkOutput out;
  for (const assess::Crosswalk& crosswalk : crosswalks) {
    assess::CrosswalkCoverage coverage = assess::CoverCrosswalk(crosswalk, gaps);
    json items = json::array();
    report::Table table{{"Item", "Coverage", "Title", "Code measures"}, {}};
    for (const assess::ItemCoverage& item : coverage.items) {
      json measures = json::array();
      for (const assess::MeasureAssessment* m : item.measures) {
        measures.push_back(
            {{"id", m->measure->id}, {"status", assess::MeasureStatusName(m->status)}});
      }
      std::string name = assess::CoverageName(item.coverage);
      json entry = {{"id", item.item->id},
                    {"title", item.item->title},
                    {"coverage", name},
                    {"measures", measures}};
      if (!item.item->parent.empty()) entry["parent"] = item.item->parent;
      items.push_back(std::move(entry));
      table.rows.push_back({{item.item->id},
                            {name, CoverageTone(item.coverage)},
                            {item.item->title},
                            {MeasureList(item), report::Tone::kMuted}});
    }
    out.json[crosswalk.framework] = {{"crosswalk", crosswalk.id},
                                     {"title", crosswalk.title},
                                     {"mappings_verified", "unverified"},
                                     {"summary", SummaryJson(coverage)},
                                     {"items", items}};
    std::string summary = std::to_string(coverage.covered) + " covered, " +
                          std::to_string(coverage.partly) + " partly, " +
                          std::to_string(coverage.not_covered) + " not covered, " +
                          std::to_string(coverage.not_applicable) + " not applicable, " +
                          std::to_string(coverage.no_mapping) + " with no mapping, of " +
                          std::to_string(coverage.items.size()) + " items.";
    out.sections.push_back(
        {"model-" + model_id + "-crosswalk-" + crosswalk.framework,
         "Crosswalk to " + crosswalk.title + " (" + crosswalk.id + ")",
         {report::Paragraph{{summary}},
          report::Paragraph{{"Mappings are gpaikit's unverified judgement (data/crosswalks/, "
                             "docs/crosswalks.md): the same evidence read against another "
                             "framework, not a conformity statement.",
                             report::Tone::kMuted}},
          table},
         {}});
  }
  return out;
}

}  // namespace gpaikit::cli
