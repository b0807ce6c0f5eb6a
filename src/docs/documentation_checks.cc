// Validation of Model Documentation Form values: kinds, significant figures, recommended lengths,
// and consistency with the project's facts (Code of Practice, Transparency, Measures 1.1 and 1.3
// "quality and integrity"; Form spec section 1.6).
#include <algorithm>
#include <cmath>

#include "docs/documentation_internal.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"

namespace gpaikit::docs {
namespace {

bool IsNotApplicable(std::string_view text) { return text == "N/A" || text == "n/a"; }

// A figure as written: "2.4e25", "7.3B", "2.4x10^25", optionally followed by a unit.
std::optional<double> ParseFigure(std::string text, std::string& literal) {
  literal = text.substr(0, text.find(' '));
  for (std::string_view times : {"x10^", "×10^", "*10^"}) {
    size_t at = literal.find(times);
    // Rebuilt rather than replace()d in place: replace() trips GCC 12's -Wrestrict at -O3.
    if (at != std::string::npos)
      literal = literal.substr(0, at) + "e" + literal.substr(at + times.size());
  }
  return ParseQuantity(literal);
}

// Reads one figure, checking its significant figures; records it under `key`.
void ReadFigure(Context& context, const law::form::Row& row, const std::string& key,
                const std::string& text, int min_figures, const SourceLocation& where,
                RowValue& value) {
  std::string literal;
  std::optional<double> figure = ParseFigure(text, literal);
  if (!figure) {
    context.Add(Severity::kError, row.id,
                "row " + row.id + " (" + row.name + "): '" + text +
                    "' is not a number (expected e.g. 2.4e25 or 7.3B)",
                where);
    value.status = RowStatus::kInvalid;
    return;
  }
  int figures = SignificantFigures(literal);
  if (figures < min_figures) {
    context.Add(Severity::kError, row.id,
                "row " + row.id + " (" + row.name + "): '" + literal + "' has " +
                    std::to_string(figures) + " significant figure" + (figures == 1 ? "" : "s") +
                    "; the Form asks for at least " + std::to_string(min_figures),
                where);
    value.status = RowStatus::kInvalid;
  }
  context.numbers[key] = *figure;
}

// A typed figure of a number row keeps its digits and is shown in the Form's notation with the
// Form's unit ("2.0e13" -> "2.0x10^13 FLOP"); a unit other than the Form's is an error.
void ShowTypedFigure(Context& context, const law::form::Row& row, const SourceLocation& where,
                     RowValue& value) {
  std::string text = value.value;
  ReadFigure(context, row, row.id, text, row.kind.min_significant_figures, where, value);
  auto figure = context.numbers.find(row.id);
  if (value.status == RowStatus::kInvalid || figure == context.numbers.end()) return;
  std::string literal;
  ParseFigure(text, literal);
  std::string unit = text.size() > literal.size() ? text.substr(literal.size() + 1) : "";
  size_t start = unit.find_first_not_of(' ');
  unit = start == std::string::npos ? "" : unit.substr(start);
  if (!unit.empty() && unit != row.kind.unit) {
    context.Add(Severity::kError, row.id,
                "row " + row.id + " (" + row.name + "): unit '" + unit + "', the Form asks for " +
                    row.kind.unit,
                where);
    value.status = RowStatus::kInvalid;
    return;
  }
  // The digits as typed: a literal's significant figures, however it is written.
  value.value = FormFigure(figure->second, std::max(SignificantFigures(literal), 1)) +
                (row.kind.unit.empty() ? "" : " " + row.kind.unit);
}

void CheckChoice(Context& context, const law::form::Row& row,
                 const project::DocumentationValue& given, RowValue& value) {
  std::vector<std::string> chosen = given.items;
  if (chosen.empty()) chosen.push_back(given.text);
  if (!row.kind.multiple && chosen.size() > 1) {
    context.Add(Severity::kError, row.id, "row " + row.id + ": choose one option", given.location);
    value.status = RowStatus::kInvalid;
  }
  std::vector<std::string_view> options(row.kind.options.begin(), row.kind.options.end());
  for (const std::string& item : chosen) {
    if (std::find(options.begin(), options.end(), item) != options.end()) continue;
    if (!row.kind.other_label.empty()) continue;  // "other, please specify"
    context.Add(Severity::kError, row.id,
                "row " + row.id + ": '" + item + "' is not an option of the Form" +
                    DidYouMean(item, options),
                given.location);
    value.status = RowStatus::kInvalid;
  }
}

void CheckFields(Context& context, const law::form::Row& row,
                 const project::DocumentationValue& given, const std::vector<std::string>& allowed,
                 RowValue& value) {
  for (const auto& [key, text] : given.fields) {
    std::string head = key.substr(0, key.find('.'));
    if (std::find(allowed.begin(), allowed.end(), head) != allowed.end()) continue;
    std::vector<std::string_view> names(allowed.begin(), allowed.end());
    context.Add(Severity::kError, row.id,
                "row " + row.id + ": unknown key '" + key + "'" + DidYouMean(head, names),
                given.location);
    value.status = RowStatus::kInvalid;
  }
}

std::string FieldValue(const project::Fields& fields, std::string_view key) {
  for (const auto& [name, text] : fields)
    if (name == key) return text;
  return "";
}

// A field that must accompany a row's figures (its unit or its period): an error when required
// and absent; its text is kept for rendering as "<row>.<name>".
void RequireCompanion(Context& context, const law::form::Row& row,
                      const project::DocumentationValue& given, const std::string& name,
                      bool required, const std::string& what, const SourceLocation& where,
                      RowValue& value) {
  std::string text = FieldValue(given.fields, name);
  if (required && text.empty()) {
    context.Add(Severity::kError, row.id, "row " + row.id + ": " + what, where);
    value.status = RowStatus::kInvalid;
  }
  context.texts[row.id + "." + name] = text;
}

}  // namespace

void CheckGiven(Context& context, const law::form::Row& row,
                const project::DocumentationValue& given, RowValue& value) {
  const law::form::Kind& kind = row.kind;
  const SourceLocation& where = given.location;
  if (IsNotApplicable(value.value)) {
    if (!kind.not_applicable_allowed && kind.type != "text") {
      context.Add(Severity::kError, row.id, "row " + row.id + ": the Form does not allow N/A here",
                  where);
      value.status = RowStatus::kInvalid;
    }
    return;
  }
  if (kind.recommended_words > 0) {
    int words = WordCount(value.value);
    if (words > kind.recommended_words) {
      context.Add(Severity::kWarning, row.id,
                  "row " + row.id + " (" + row.name + "): " + std::to_string(words) +
                      " words, above the Form's recommended " +
                      std::to_string(kind.recommended_words),
                  where);
    }
  }
  if (kind.type == "date" && !CivilDate::Parse(value.value)) {
    context.Add(Severity::kError, row.id,
                "row " + row.id + ": expected a date YYYY-MM-DD, got '" + value.value + "'", where);
    value.status = RowStatus::kInvalid;
  } else if (kind.type == "choice") {
    CheckChoice(context, row, given, value);
  } else if (kind.type == "number" && !kind.per_split.empty()) {
    std::vector<std::string> allowed = kind.per_split;
    allowed.push_back("unit");
    CheckFields(context, row, given, allowed, value);
    RequireCompanion(context, row, given, "unit", kind.unit_required,
                     "state the unit (e.g. unit: tokens)", where, value);
    for (const std::string& split : kind.per_split) {
      std::string text = FieldValue(given.fields, split);
      if (text.empty()) continue;
      ReadFigure(context, row, row.id + "." + split, text, kind.min_significant_figures, where,
                 value);
    }
  } else if (kind.type == "number") {
    ShowTypedFigure(context, row, where, value);
  } else if (kind.type == "number-group") {
    std::vector<std::string> allowed = {"period"};
    for (const law::form::GroupValue& group : kind.values) allowed.push_back(group.id);
    for (std::string& name : allowed) std::replace(name.begin(), name.end(), '-', '_');
    CheckFields(context, row, given, allowed, value);
    RequireCompanion(context, row, given, "period", kind.period_description_required,
                     "say which period is measured (period: ...)", where, value);
    for (const auto& [key, text] : given.fields) {
      if (key == "period") continue;
      // The figures this value needs are its own group's (field names use '_' for '-').
      int figures = 1;
      for (const law::form::GroupValue& group : kind.values) {
        std::string field = group.id;
        std::replace(field.begin(), field.end(), '-', '_');
        if (field == key) figures = group.min_significant_figures;
      }
      ReadFigure(context, row, row.id + "." + key, text, figures, where, value);
    }
  } else if (kind.type == "list" && !kind.fields.empty()) {
    for (const project::Fields& record : given.records) {
      project::DocumentationValue one = given;
      one.fields = record;
      CheckFields(context, row, one, kind.fields, value);
    }
  }
}

void CheckConsistency(Context& context, const std::vector<RowValue>& rows) {
  const project::Model& model = *context.assessment.model;
  auto find = [&](std::string_view id) -> const RowValue* {
    for (const RowValue& value : rows)
      if (value.row->id == id) return &value;
    return nullptr;
  };
  auto given = [&](std::string_view id) {
    const RowValue* value = find(id);
    return value && (value->status == RowStatus::kFilled || value->status == RowStatus::kInvalid)
               ? value
               : nullptr;
  };
  // Spec 1.6 rows 1.4 and 1.5: first release anywhere cannot come after the Union placement.
  const RowValue* release = find("1.4");
  const RowValue* union_date = find("1.5");
  if (release && union_date) {
    auto a = CivilDate::Parse(release->value);
    auto b = CivilDate::Parse(union_date->value);
    if (a && b && *a > *b) {
      context.Add(Severity::kError, "1.4",
                  "row 1.4 release date " + a->ToString() +
                      " is after the Union market release date " + b->ToString() +
                      " (row 1.5): the first release through any channel cannot be later");
    }
  }
  for (const auto& [id, fact] :
       {std::pair{"1.4", model.release_date}, std::pair{"1.5", model.union_market_date}}) {
    const RowValue* value = given(id);
    if (value && fact && value->value != fact->ToString()) {
      context.Add(Severity::kError, id,
                  std::string("row ") + id + " says " + value->value + " but gpaikit.yaml has " +
                      fact->ToString() + " (" +
                      (std::string(id) == "1.4" ? "release_date" : "union_market_date") + ")");
    }
  }
  // Rows 2.3 and 2.5 against the modalities the classification used (Guidelines para. 17).
  for (const auto& [id, modalities] :
       {std::pair{"2.3", &model.input_modalities}, std::pair{"2.5", &model.output_modalities}}) {
    const RowValue* value = given(id);
    if (!value) continue;
    for (const std::string& option : FormModalities(*modalities)) {
      if (option.starts_with("Other") || value->value.find(option) != std::string::npos) continue;
      context.Add(Severity::kError, id,
                  std::string("row ") + id + " omits " + option +
                      ", which models[].modalities lists and the classification relies on");
    }
  }
  // Row 7.2b against the computed runs, within the Guidelines' tolerance (para. 20: +-30%).
  auto stated = context.numbers.find("7.2b");
  if (given("7.2b") && stated != context.numbers.end() && context.training_flop > 0) {
    double tolerance = context.rules.estimate_tolerance.value;
    double ratio = stated->second / context.training_flop;
    if (std::abs(ratio - 1) > tolerance) {
      context.Add(Severity::kError, "7.2b",
                  "row 7.2b states " + FormatPowerOfTen(stated->second, 2) +
                      " FLOP but the compute runs give " +
                      FormatPowerOfTen(context.training_flop, 2) + " FLOP, outside the +-" +
                      std::to_string(static_cast<int>(std::lround(tolerance * 100))) +
                      "% tolerance (" + context.rules.estimate_tolerance.provenance.source + ")");
    }
  }
  // Row 8.1: the Form allows N/A only when energy cannot be estimated for lack of information
  // from a compute or hardware provider; AI Act Annex XI 2(e) allows estimating it from compute.
  const RowValue* energy = given("8.1");
  std::string why_not;
  if (energy && IsNotApplicable(energy->value)) {
    if (std::optional<EnergyEstimate> estimate = EstimateTrainingEnergy(context, why_not)) {
      context.Add(Severity::kWarning, "8.1",
                  "row 8.1 is N/A, but gpaikit can estimate the training energy from the "
                  "project's figures: about " +
                      FormFigure(estimate->megawatt_hours, 2) + " MWh (" + estimate->method + ")");
    }
  }
  auto parameters = context.numbers.find("2.7a");
  if (given("2.7a") && parameters != context.numbers.end() && model.parameters_total &&
      FormatPowerOfTen(parameters->second, 2) != FormatPowerOfTen(*model.parameters_total, 2)) {
    context.Add(Severity::kError, "2.7a",
                "row 2.7a states " + FormatPowerOfTen(parameters->second, 2) +
                    " parameters but models[].parameters.total is " +
                    FormatPowerOfTen(*model.parameters_total, 2));
  }
}

}  // namespace gpaikit::docs
