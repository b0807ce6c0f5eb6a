// `gpaikit check --crosswalk`: per framework item, covered / partly / not covered / not applicable
// / no mapping from the gap assessment's measure statuses (docs/crosswalks.md).
#include "gpaikit/assess/output.h"
#include "gpaikit/base/status_list.h"

namespace gpaikit::assess {
namespace {

using nlohmann::json;

report::Tone CoverageTone(Coverage coverage) {
  switch (coverage) {
    case Coverage::kCovered:
      return report::Tone::kGood;
    case Coverage::kPartly:
      return report::Tone::kWarn;
    case Coverage::kNotCovered:
      return report::Tone::kBad;
    case Coverage::kNotApplicable:
    case Coverage::kNoMapping:
      return report::Tone::kMuted;
  }
  return report::Tone::kPlain;
}

// "CoP-SS-9.3 met, CoP-SS-9.2 partial"
std::string MeasureList(const ItemCoverage& item) {
  std::string out;
  for (const MeasureAssessment* m : item.measures) {
    out += (out.empty() ? "" : ", ") + m->measure->id + " " + MeasureStatusName(m->status);
  }
  return out.empty() ? "-" : out;
}

json SummaryJson(const CrosswalkCoverage& coverage) {
  return {{"covered", coverage.covered},
          {"partly", coverage.partly},
          {"not_covered", coverage.not_covered},
          {"not_applicable", coverage.not_applicable},
          {"no_mapping", coverage.no_mapping}};
}

}  // namespace

std::vector<std::string> CrosswalkChoices() {
  std::vector<std::string> out;
  for (std::string_view f : CrosswalkFrameworks()) out.emplace_back(f);
  return out;
}

Result<std::vector<Crosswalk>> LoadCrosswalks(const std::filesystem::path& data_dir,
                                              const std::vector<std::string>& frameworks,
                                              const law::CodeOfPractice& code) {
  std::vector<Crosswalk> out;
  StatusList problems;
  for (const std::string& framework : frameworks) {
    Result<Crosswalk> crosswalk = LoadCrosswalk(data_dir, framework, code);
    if (!crosswalk.ok()) {
      problems.Add(crosswalk.status());
      continue;
    }
    out.push_back(std::move(*crosswalk));
  }
  if (!problems.ok()) return problems.ToStatus();
  return out;
}

CrosswalkOutput CrosswalkReport(const std::vector<Crosswalk>& crosswalks,
                                const ModelGapAssessment& gaps, const std::string& model_id) {
  CrosswalkOutput out;
  for (const Crosswalk& crosswalk : crosswalks) {
    CrosswalkCoverage coverage = CoverCrosswalk(crosswalk, gaps);
    json items = json::array();
    report::Table table{{"Item", "Coverage", "Title", "Code measures"}, {}};
    for (const ItemCoverage& item : coverage.items) {
      json measures = json::array();
      for (const MeasureAssessment* m : item.measures) {
        measures.push_back({{"id", m->measure->id}, {"status", MeasureStatusName(m->status)}});
      }
      std::string name = CoverageName(item.coverage);
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

}  // namespace gpaikit::assess
