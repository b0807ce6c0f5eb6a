// /transparency: the summaries of the Safety and Security Framework and Model Reports that the
// provider marks published (Code of Practice, Safety and Security, Measure 10.2; public_summary
// in safety/framework.yaml and safety/model-reports.yaml, docs/safety.md).
#include "portal/transparency.h"

#include "gpaikit/base/files.h"
#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/safety/safety.h"
#include "portal/site_state.h"
#include "portal/text_blocks.h"

namespace gpaikit::portal {
namespace {

using kainjow::mustache::list;

// Reads a summary reference: an https:// address is linked; a file of the safety/ folder is
// read and served at /transparency/N.txt (N counting from 1 in page order).
Result<SafetySummary> ReadSummary(const std::filesystem::path& root, std::string heading,
                                  const std::string& reference, size_t number) {
  SafetySummary summary;
  summary.heading = std::move(heading);
  summary.reference = reference;
  if (reference.starts_with("https://")) {
    summary.href = reference;
    return summary;
  }
  Result<std::filesystem::path> file = PathInside(root / "safety", reference, "public_summary");
  if (!file.ok()) return file.status();
  Result<std::string> text = ReadFile(*file);
  if (!text.ok()) return text.status();
  summary.text = std::move(*text);
  summary.href = "/transparency/" + std::to_string(number) + ".txt";
  return summary;
}

// The summary text as blocks for the page (SplitTextBlocks): headings and paragraphs, as text
// only; nothing of it is markup on the page.
list TextBlocks(const std::string& text) {
  list blocks;
  for (const TextBlock& block : SplitTextBlocks(text)) {
    Data data;
    data.set(block.heading ? "subheading" : "paragraph", block.text);
    blocks.push_back(data);
  }
  return blocks;
}

}  // namespace

Result<std::vector<SafetySummary>> LoadSafetySummaries(const project::Project& project) {
  std::vector<SafetySummary> summaries;
  if (!std::filesystem::is_directory(project.root / "safety")) return summaries;
  Result<law::CodeOfPractice> code = law::LoadCodeOfPractice(DataDir(), project.code_of_practice);
  if (!code.ok()) return code.status();
  Result<safety::SafetyDocumentation> documentation =
      safety::LoadSafetyDocumentation(project.root, *code);
  if (!documentation.ok()) return documentation.status();
  if (const auto& framework = documentation->framework;
      framework && !framework->public_summary.empty()) {
    Result<SafetySummary> summary = ReadSummary(
        project.root, framework->title.empty() ? "Safety and Security Framework" : framework->title,
        framework->public_summary, summaries.size() + 1);
    if (!summary.ok()) return summary.status();
    for (const safety::FrameworkVersion& version : framework->versions) {
      summary->versions.push_back(
          {version.version, version.confirmed.ToString(), version.changelog});
    }
    summaries.push_back(std::move(*summary));
  }
  for (const safety::ModelReport& report : documentation->reports) {
    if (report.public_summary.empty()) continue;
    std::string name = report.model;
    for (const project::Model& model : project.models) {
      if (model.id == report.model && !model.name.empty()) name = model.name;
    }
    Result<SafetySummary> summary = ReadSummary(project.root, "Model Report: " + name,
                                                report.public_summary, summaries.size() + 1);
    if (!summary.ok()) return summary.status();
    for (const safety::ModelReportVersion& version : report.versions) {
      if (version.interim) continue;  // Measure 7.7's interim report is not a published version
      summary->versions.push_back({version.version, version.date.ToString(), version.changelog});
    }
    summaries.push_back(std::move(*summary));
  }
  return summaries;
}

Response TransparencyPage(const Site::State& state) {
  Data data = PageData(state, "Safety and Security summaries");
  list summaries;
  for (const SafetySummary& summary : state.safety_summaries) {
    Data row;
    row.set("heading", summary.heading);
    row.set("href", summary.href);
    row.set("reference", summary.reference);
    row.set("is_file", !summary.text.empty());
    list versions;
    for (const SafetySummary::Version& version : summary.versions) {
      Data item;
      item.set("version", version.version);
      item.set("date", version.date);
      item.set("changelog", version.changelog);
      versions.push_back(item);
    }
    row.set("has_versions", !versions.empty());
    row.set("versions", versions);
    row.set("blocks", TextBlocks(summary.text));
    summaries.push_back(row);
  }
  data.set("has_summaries", !summaries.empty());
  data.set("summaries", summaries);
  Result<std::string> body = state.templates.Render("transparency", std::move(data));
  if (!body.ok()) return InternalError(body.status());
  return {200, "text/html; charset=utf-8", std::move(*body), {}};
}

}  // namespace gpaikit::portal
