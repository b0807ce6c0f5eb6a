// Crosswalks from the Code of Practice to other frameworks (NIST AI RMF, ISO/IEC 42001, the G7
// Hiroshima reporting framework) as data (data/crosswalks/*.yaml), and how far a model's gap
// assessment covers each framework item (docs/crosswalks.md).
#ifndef GPAIKIT_ASSESS_CROSSWALK_H_
#define GPAIKIT_ASSESS_CROSSWALK_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/assess/assess.h"
#include "gpaikit/base/status.h"
#include "gpaikit/law/code_of_practice.h"

namespace gpaikit::assess {

// One item of the other framework: a NIST category or subcategory, an ISO clause or Annex A
// control, a HAIP section. `parent` is an earlier item's id ("" for a top-level item).
struct CrosswalkItem {
  std::string id;
  std::string title;  // a short description in gpaikit's words
  std::string parent;
  std::optional<int> subcategories;  // how many the framework has below it, where stated
  std::string verified;              // primary | secondary | unverified (the item's title)
};

// Which framework items one Code measure corresponds to; `items` empty means none.
struct CrosswalkMapping {
  std::string measure;  // CoP-SS-9.3
  std::vector<std::string> items;
  std::string basis;     // spec | gpaikit (whose judgement the mapping is)
  std::string verified;  // primary | secondary | unverified
  std::string note;
};

struct Crosswalk {
  std::string file;
  std::string id;         // nist-ai-rmf/2025-07
  std::string framework;  // nist-ai-rmf | iso-42001 | hiroshima
  std::string title;
  std::string framework_version;
  std::string code_rulepack;  // code-of-practice/2025-07
  std::string source;
  std::vector<CrosswalkItem> items;        // file order
  std::vector<CrosswalkMapping> mappings;  // one per measure of the Code

  const CrosswalkItem* FindItem(std::string_view id) const;
  const CrosswalkMapping* FindMapping(std::string_view measure) const;
};

// The frameworks gpaikit has crosswalks for, in the order `check --crosswalk` lists them.
const std::vector<std::string_view>& CrosswalkFrameworks();

// Parses a crosswalk strictly against `code`: every measure id must exist in the Code and appear
// once, every item id referenced must be defined, parents must come first. Errors name
// file:line:column.
Result<Crosswalk> ParseCrosswalk(std::string_view text, const std::string& file,
                                 const law::CodeOfPractice& code);
Result<Crosswalk> LoadCrosswalkFile(const std::filesystem::path& path,
                                    const law::CodeOfPractice& code);
// data_dir/crosswalks/<framework>-<code version>.yaml, e.g. nist-ai-rmf-2025-07.yaml for
// code-of-practice/2025-07.
Result<Crosswalk> LoadCrosswalk(const std::filesystem::path& data_dir, std::string_view framework,
                                const law::CodeOfPractice& code);

// How far the evidence behind the Code's measures covers one framework item.
enum class Coverage { kCovered, kPartly, kNotCovered, kNotApplicable, kNoMapping };
const char* CoverageName(Coverage coverage);  // covered | partly | not-covered | ...

struct ItemCoverage {
  const CrosswalkItem* item = nullptr;
  Coverage coverage = Coverage::kNoMapping;
  // The measures mapped to the item or to its children, in Code order.
  std::vector<const MeasureAssessment*> measures;
};

struct CrosswalkCoverage {
  const Crosswalk* crosswalk = nullptr;
  std::vector<ItemCoverage> items;  // every item, in file order
  int covered = 0, partly = 0, not_covered = 0, not_applicable = 0, no_mapping = 0;
};

// Per item: no-mapping when no measure maps to it; not-applicable when none of its measures
// applies to the model; covered when every one that applies is met; not-covered when every one
// that applies is missing; partly otherwise. An item's measures include its children's.
CrosswalkCoverage CoverCrosswalk(const Crosswalk& crosswalk, const ModelGapAssessment& gaps);

}  // namespace gpaikit::assess

#endif  // GPAIKIT_ASSESS_CROSSWALK_H_
