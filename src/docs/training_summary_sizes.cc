// The training-content summary's measured parts: the size range per modality (template 1.3), the
// top-domains note (template 2.3, footnote 16) and the opt-out audit counts (template 3.1).
#include <cmath>
#include <cstdio>

#include "docs/training_summary_internal.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"

namespace gpaikit::docs {
namespace {

std::string TwoFigures(double value) {
  char buffer[32];
  double rounded = RoundSignificant(value, 2);
  std::snprintf(buffer, sizeof buffer, rounded >= 10 ? "%.0f" : "%.1f", rounded);
  std::string text = buffer;
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

std::string WithSeparators(double value) {
  std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
  std::string grouped;  // built forwards: insert() trips GCC 12's -Wrestrict at -O2
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

const project::ModalityFacts* FactsFor(const project::TrainingData& data,
                                       const std::string& modality) {
  for (const project::ModalityFacts& facts : data.modalities)
    if (facts.modality == modality) return &facts;
  return nullptr;
}

// The measured size of one modality in the template's unit, or why there is none.
void MeasuredSize(const law::summary::ModalitySizes& sizes, const ModalityStat& stat,
                  const CorpusStats& stats, SizeRow& row, std::string& problem) {
  if (sizes.modality == "text") {
    row.size_source = "measured";
    const law::summary::SizeBucket* bucket = sizes.BucketFor(stat.tokens);
    row.bucket = bucket ? bucket->label : "";
    row.size_text = "about " + HumanCount(stat.tokens) + " tokens";
    if (stat.tokens_are_estimated) {
      row.size_text += " (estimated";
      if (stat.tokens_from_data > 0) {
        row.size_text += " in part; " + HumanCount(stat.tokens_from_data) + " counted in the data";
      }
      row.size_text +=
          ": " + HumanBytes(stat.content_bytes) + " of content at " +
          (stats.bytes_per_token > 0 ? TwoFigures(stats.bytes_per_token) : std::string("mixed")) +
          " bytes per token)";
    } else {
      row.size_text += " (token counts from the data)";
    }
  } else if (sizes.modality == "image") {
    row.size_source = "measured";
    const law::summary::SizeBucket* bucket = sizes.BucketFor(static_cast<double>(stat.records));
    row.bucket = bucket ? bucket->label : "";
    row.size_text = WithSeparators(static_cast<double>(stat.records)) +
                    " images (image records in the statistics)";
  } else if (sizes.modality == "other") {
    row.size_source = "measured";
    row.size_text = WithSeparators(static_cast<double>(stat.records)) + " records, " +
                    HumanBytes(stat.content_bytes) +
                    " of content whose media type is not text, image, audio or video";
  } else {
    problem = sizes.modality + ": " + WithSeparators(static_cast<double>(stat.records)) +
              " records measured, but the template counts hours, which a corpus scan does not "
              "measure: give training_data.modalities." +
              sizes.modality + ".size in hours";
  }
}

// Joins the wrapped lines of each Markdown paragraph; paragraphs stay apart.
std::string UnwrapLines(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    bool lone_newline = text[i] == '\n' && (i + 1 >= text.size() || text[i + 1] != '\n') &&
                        (i == 0 || text[i - 1] != '\n');
    out += lone_newline ? ' ' : text[i];
  }
  return out;
}

}  // namespace

std::string NarrativeText(const project::Narrative& narrative, const std::filesystem::path& root,
                          std::string& problem) {
  if (narrative.file.empty()) return narrative.text;
  // Only files inside the project folder are published (issue 14: no ../../secret.md).
  Result<std::filesystem::path> inside = PathInside(root, narrative.file, "file");
  if (!inside.ok()) {
    problem = inside.status().message();
    return "";
  }
  Result<std::string> text = ReadFile(*inside);
  if (!text.ok()) {
    problem = "file '" + narrative.file + "' cannot be read";
    return "";
  }
  std::string out = *text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (out.empty()) problem = "file '" + narrative.file + "' is empty";
  return UnwrapLines(out);
}

std::string HumanCount(double value) {
  static const char* const kWords[] = {"",         " thousand", " million",
                                       " billion", " trillion", " quadrillion"};
  int power = 0;
  while (std::fabs(value) >= 1000 && power < 5) value /= 1000, ++power;
  if (TwoFigures(value) == "1000" && power < 5) value /= 1000, ++power;
  return TwoFigures(value) + kWords[power];
}

std::string HumanBytes(double bytes) {
  static const char* const kUnits[] = {" bytes", " kB", " MB", " GB", " TB", " PB", " EB"};
  int power = 0;
  while (bytes >= 1000 && power < 6) bytes /= 1000, ++power;
  return (power == 0 ? WithSeparators(bytes) : TwoFigures(bytes)) + kUnits[power];
}

std::vector<std::string> MeasuredModalities(const CorpusStats& stats) {
  std::vector<std::string> out;
  for (const char* modality : {"text", "image", "audio", "video", "other"}) {
    auto it = stats.modalities.find(modality);
    if (it != stats.modalities.end() && it->second.records > 0) out.push_back(modality);
  }
  return out;
}

void FillSizeTable(FieldValue& value, const project::TrainingData& data,
                   const law::summary::Template& form, const CorpusStats* stats,
                   const std::filesystem::path& root) {
  std::vector<std::string> problems;
  int present = 0;
  for (const law::summary::ModalitySizes& sizes : form.sizes) {
    SizeRow row;
    row.modality = sizes.modality;
    const project::ModalityFacts* facts = FactsFor(data, sizes.modality);
    const ModalityStat* measured = nullptr;
    if (stats) {
      auto it = stats->modalities.find(sizes.modality);
      if (it != stats->modalities.end() && it->second.records > 0) measured = &it->second;
    }
    row.present = facts || measured;
    if (!row.present) {
      value.sizes.push_back(std::move(row));
      continue;
    }
    ++present;
    std::string problem;
    if (facts && facts->size) {
      row.size_source = "stated";
      if (const law::summary::SizeBucket* bucket = sizes.BucketFor(*facts->size))
        row.bucket = bucket->label;
      std::string unit = sizes.unit.empty() ? facts->unit : sizes.unit;
      row.size_text = "about " + HumanCount(*facts->size) + " " + unit + " (stated)";
      if (!facts->size_note.empty()) row.size_text += "; " + facts->size_note;
      if (measured) {
        SizeRow check;
        std::string ignored;
        MeasuredSize(sizes, *measured, *stats, check, ignored);
        if (!check.size_text.empty()) {
          value.notes.push_back(sizes.modality + ": the corpus statistics measure " +
                                check.size_text);
        }
      }
    } else if (measured) {
      MeasuredSize(sizes, *measured, *stats, row, problem);
    } else {
      problem = sizes.modality + ": give training_data.modalities." + sizes.modality + ".size" +
                (sizes.unit.empty() ? " and unit" : " in " + sizes.unit) + " or corpus statistics";
    }
    if (!problem.empty()) problems.push_back(problem);
    std::string narrative_problem;
    if (facts)
      row.types_of_content = NarrativeText(facts->types_of_content, root, narrative_problem);
    if (row.types_of_content.empty()) {
      problems.push_back(sizes.modality + ": give training_data.modalities." + sizes.modality +
                         ".types_of_content" +
                         (narrative_problem.empty() ? "" : " (" + narrative_problem + ")"));
    }
    value.sizes.push_back(std::move(row));
  }
  if (present == 0) {
    problems.push_back("no modality: give training_data.modalities or corpus statistics (--stats)");
  }
  if (problems.empty()) {
    value.status = FieldStatus::kFilled;
    return;
  }
  value.status = FieldStatus::kMissing;
  for (const std::string& problem : problems) {
    value.why += (value.why.empty() ? "" : "; ") + problem;
  }
}

std::string DomainRuleNote(const TopDomains& top, const law::summary::TopDomainRule& rule) {
  std::string note = "top " + std::to_string(top.listed_count) + " of " +
                     std::to_string(top.domain_count) + " domains by content size: ";
  if (top.sme_rule) {
    note += TwoFigures(rule.sme_share * 100) + "% or " + std::to_string(rule.sme_cap) +
            ", whichever is lower (footnote 16's rule for SMEs, including start-ups; 'whichever "
            "is lower' verified: " +
            rule.sme_verified + ")";
  } else {
    note += TwoFigures(rule.share * 100) + "%";
  }
  note += ", rounded up (rounding verified: " + rule.rounding_verified + "); " +
          rule.provenance.source + " (verified: " + rule.provenance.verified + ")";
  return note;
}

std::string OptoutAuditNote(const CorpusStats& stats) {
  // Copyright Measure 1.3: say what was done with reserved content, never a bare count.
  auto count = [](const CountStat& c) {
    return WithSeparators(static_cast<double>(c.records)) +
           (c.records == 1 ? " document (" : " documents (") + HumanBytes(c.content_bytes) + ")";
  };
  long long checked = 0;
  CountStat present{"present", 0, 0};
  for (const CountStat& verdict : stats.optout_verdicts) {
    checked += verdict.records;
    if (verdict.name == "reserved" || verdict.name == "blocked") {
      present.records += verdict.records;
      present.content_bytes += verdict.content_bytes;
    }
  }
  std::string crawlers = "the registered AI training crawlers";
  if (!stats.optout_agents.empty()) {
    std::string own;
    for (const std::string& agent : stats.optout_agents) own += (own.empty() ? "" : ", ") + agent;
    crawlers = own + " and " + crawlers;
  }
  std::string note;
  if (stats.removed_by_filter.records > 0) {
    note += "An audit of the collected data for machine-readable reservations of rights found " +
            count(stats.removed_by_filter) +
            " with an applicable reservation; they were removed before training. ";
  }
  if (!stats.has_optout) return note.substr(0, note.size() - 1);
  note +=
      "The training data was checked for machine-readable reservations of rights: "
      "robots.txt as it applied to " +
      crawlers +
      " when each page was collected, and the reservations in the pages' headers and HTML. ";
  if (present.records > 0) {
    note += count(present) + " of the " + WithSeparators(static_cast<double>(checked)) +
            " documents checked carry a reservation that applies and were still in the training "
            "data when it was checked.";
  } else {
    note += "None of the " + WithSeparators(static_cast<double>(checked)) +
            " documents checked in the training data carries a reservation that applies.";
  }
  return note;
}

}  // namespace gpaikit::docs
