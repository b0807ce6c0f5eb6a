// The Model Documentation Form filled for one model: values from the project, derived values,
// validation, and renderings per audience (Code of Practice, Transparency, Measures 1.1 and 1.2).
#ifndef GPAIKIT_DOCS_DOCS_H_
#define GPAIKIT_DOCS_DOCS_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/form.h"
#include "gpaikit/law/law.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::docs {

// filled: given in the project; derived: computed from other values or project facts;
// missing: required and absent; not-required: the audience's documentation duty does not apply
// (open-source exemption, not a provider); invalid: given but failing validation.
enum class RowStatus { kFilled, kDerived, kMissing, kNotRequired, kInvalid };
const char* RowStatusName(RowStatus status);

enum class Severity { kError, kWarning, kNote };
const char* SeverityName(Severity severity);

struct Finding {
  Severity severity = Severity::kNote;
  std::string row;  // "" for model-level findings
  std::string message;
  SourceLocation location;  // where in gpaikit.yaml, when known
};

struct RowValue {
  const law::form::Row* row = nullptr;
  std::string value;  // as rendered (several lines for lists and groups); "" when absent
  std::string basis;  // for derived values: how they were computed
  RowStatus status = RowStatus::kMissing;
};

// The form header (draft 3 header fields; spec section 1.6): taken from the records ledger.
struct Header {
  std::string version;       // "3" (the next published version number), or "unpublished"
  std::string last_updated;  // YYYY-MM-DD
};

struct ModelDocumentation {
  std::string model_id;
  std::string model_name;
  std::string provider;
  std::vector<RowValue> rows;  // every Form row, in Form order
  std::vector<Finding> findings;
  bool open_source_exempt = false;       // AI Act Art. 53(2): Measures 1.1-1.3 do not apply
  bool limited_to_modification = false;  // recital 109: only the modification is documented
  bool required = true;                  // the provider must draw up the documentation
  Header header;

  const RowValue* Find(std::string_view row) const;
  int Errors() const;
};

// Fills, derives and validates every row. Input errors that make the values unreadable (an
// unknown row id, a referenced file that does not exist) are InvalidInput naming file:line:column;
// problems with values that were read are findings.
// The catalogue gives accelerator peaks and board power for the energy estimate (row 8.1).
Result<ModelDocumentation> BuildDocumentation(const project::Project& project,
                                              const scope::ModelAssessment& assessment,
                                              const law::form::Form& form,
                                              const law::Rulepack& rules,
                                              const law::AcceleratorCatalogue& catalogue);

// Rows and completeness for one audience.
struct Completeness {
  std::string audience;
  int rows = 0;
  int filled = 0;  // filled or derived
  int not_required = 0;
  std::vector<std::string> missing;
  std::vector<std::string> invalid;
};
Completeness CompletenessFor(const ModelDocumentation& documentation, const law::form::Form& form,
                             std::string_view audience);

// `gpaikit docs --format json`: {"schema": "gpaikit.mdf/1", "audience", "model", "form",
// "header", "rows": {"1.1": {"name", "value", "status"}, ...}} with exactly the audience's rows.
nlohmann::json AudienceJson(const ModelDocumentation& documentation, const law::form::Form& form,
                            std::string_view audience);
// Every row for every audience: what `publish` stores (canonical when dumped: keys sorted).
nlohmann::json FullJson(const ModelDocumentation& documentation, const law::form::Form& form);

// Markdown and print-ready HTML laid out like the official Form, with exactly the audience's rows.
// The default is the document to hand over: no working notes (where a derived value came from in
// gpaikit.yaml, internal tags such as "[D3][S]"). `draft` keeps them for the team.
std::string RenderMarkdown(const ModelDocumentation& documentation, const law::form::Form& form,
                           std::string_view audience, bool draft = false);
// The HTML comes from the report templates form.html and form.css in `templates` (empty: the
// installed data/report/templates); InvalidInput naming a template file missing or broken.
Result<std::string> RenderHtml(const ModelDocumentation& documentation, const law::form::Form& form,
                               std::string_view audience, bool draft = false,
                               const std::filesystem::path& templates = {});
// `text` without internal tags ("[D3][S]", "[AIO]"): bracketed runs of capitals and digits.
std::string WithoutInternalTags(std::string_view text);

// Derivations the Form asks for (spec section 1.6 "Derived values"), documented in
// docs/documentation.md: bins include their lower bound and exclude their upper bound; an order of
// magnitude is the power of ten of the value written in scientific notation (2.4e25 -> 10^25).
const law::form::Bin* BinFor(const law::form::Kind& kind, double value);
int OrderOfMagnitude(double value);
// Significant figures written in a number literal ("1.50e13" -> 3, "15T" -> 2, "3000" -> 1).
int SignificantFigures(std::string_view literal);
int WordCount(std::string_view text);
// A figure in the Form's notation with exactly `figures` significant figures: "1.0x10^2",
// "9x10^1", "2.4x10^25"; plain when the power is 0 ("2.5").
std::string FormFigure(double value, int figures);
// The fewest significant figures, at least `minimum`, that write `value` without rounding it
// (7.25e9 -> 3): a typed exact figure keeps its digits.
int ExactFigures(double value, int minimum);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_DOCS_H_
