// Fills the training-content summary template field by field from the project's facts and the
// measured corpus statistics (AI Act Art. 53(1)(d); template C(2025) 5235 final; docs/summary.md).
#include "gpaikit/docs/training_summary.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "docs/training_summary_internal.h"

namespace gpaikit::docs {
namespace {

using project::Narrative;
using project::SourceFacts;

// What the builder knows while filling fields in template order.
struct Context {
  const project::Project& project;
  const scope::ModelAssessment& assessment;
  const project::Model& model;
  const project::TrainingData& data;
  const law::summary::Template& form;
  const CorpusStats* stats;
  std::map<std::string, const FieldValue*> done;  // earlier fields by id
};

const project::TrainingData& NoFacts() {
  static const project::TrainingData empty;
  return empty;
}

void Fill(FieldValue& value, std::string text) {
  value.text = std::move(text);
  value.status = FieldStatus::kFilled;
}

void Missing(FieldValue& value, std::string why) {
  value.status = FieldStatus::kMissing;
  value.why = std::move(why);
}

// One fact of training_data into `value`, by its type; `key` is where gpaikit.yaml gives it.
// A narrative answer: inline or a Markdown file in the project folder.
void FillFrom(FieldValue& value, const Context& context, const Narrative& narrative,
              const std::string& key) {
  if (narrative.empty()) return Missing(value, "give training_data." + key + " in gpaikit.yaml");
  std::string problem;
  std::string text = NarrativeText(narrative, context.project.root, problem);
  if (!problem.empty()) {
    return Missing(value,
                   narrative.location.ToString() + ": training_data." + key + ": " + problem);
  }
  Fill(value, text);
  if (!narrative.file.empty()) value.notes.push_back("from " + narrative.file);
}

void FillFrom(FieldValue& value, const Context&, const std::optional<bool>& answer,
              const std::string& key) {
  if (!answer) return Missing(value, "give training_data." + key + " (true or false)");
  value.yes = answer;
  value.status = FieldStatus::kFilled;
}

void FillFrom(FieldValue& value, const Context&, const std::vector<std::string>& modalities,
              const std::string& key) {
  if (modalities.empty()) return Missing(value, "give training_data." + key);
  value.modalities = modalities;
  value.status = FieldStatus::kFilled;
}

void FillFrom(FieldValue& value, const Context&, const std::vector<project::NamedSource>& named,
              const std::string& key) {
  if (named.empty()) return Missing(value, "list them in training_data." + key);
  for (const project::NamedSource& source : named) {
    std::string item = source.name;
    if (!source.description.empty()) item += ": " + source.description;
    if (!source.url.empty()) item += " (" + source.url + ")";
    value.items.push_back(item);
  }
  value.status = FieldStatus::kFilled;
}

std::string MonthYear(const CivilDate& date) {
  std::string iso = date.ToString();
  return iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// "2020-08-08T18:39:41Z" -> "08/2020"; "" when the text is not a date.
std::string MonthYear(const std::string& iso) {
  std::optional<CivilDate> date = CivilDate::Parse(iso.substr(0, 10));
  return date ? MonthYear(*date) : "";
}

void FillLatestAcquisition(FieldValue& value, const Context& context) {
  std::string measured = context.stats ? MonthYear(context.stats->last_date) : "";
  std::optional<CivilDate> stated = context.data.latest_acquisition;
  if (measured.empty() && !stated) {
    return Missing(value, context.stats
                              ? "the statistics hold no record dates: give "
                                "training_data.latest_acquisition"
                              : "needs corpus statistics (--stats or training_data.stats) "
                                "or training_data.latest_acquisition");
  }
  bool use_stated =
      stated && (measured.empty() || stated->ToString() > context.stats->last_date.substr(0, 10));
  Fill(value, use_stated ? MonthYear(*stated) : measured);
  value.notes.push_back(use_stated ? "stated in training_data.latest_acquisition"
                                   : "latest record date in the corpus statistics (" +
                                         context.stats->last_date + ")");
  value.remarks.push_back(context.model.training_continues
                              ? "The model continues to be trained on new data after this date."
                              : "The model is not trained on new data after this date.");
}

void FillPeriod(FieldValue& value, const project::CrawlingFacts& crawling) {
  if (!crawling.period_start) {
    return Missing(value, "give training_data.crawling.period (from, and to unless ongoing)");
  }
  Fill(value, MonthYear(*crawling.period_start) + " to " +
                  (crawling.period_end ? MonthYear(*crawling.period_end) : "present (ongoing)"));
}

void FillTopDomains(FieldValue& value, const Context& context) {
  if (!context.stats) {
    return Missing(value, "needs corpus statistics (--stats or training_data.stats)");
  }
  const law::summary::TopDomainRule& rule = context.form.top_domains;
  bool sme = rule.IsSme(context.project.provider.size);
  TopDomains top = SelectTopDomains(*context.stats, rule, sme);
  for (const DomainStat& domain : top.listed) value.items.push_back(domain.domain);
  value.notes.push_back(DomainRuleNote(top, rule));
  if (!top.exact) {
    value.remarks.push_back(
        "The domain statistics are a heavy-hitter summary, not a count of every domain: the "
        "number of domains is a lower bound and each domain's size may be low by up to " +
        HumanBytes(top.bytes_error_bound) + ".");
  }
  value.domains = std::move(top);
  bool crawled = std::any_of(context.stats->sources.begin(), context.stats->sources.end(),
                             [](const SourceStat& s) { return s.source == "crawled"; });
  if (crawled) value.notes.push_back("domains of the statistics tagged as crawled data only");
  if (value.items.empty()) {
    return Missing(value, crawled || context.stats->domains_untagged
                              ? "the corpus statistics of crawled data list no domains"
                              : "none of the corpus statistics is of crawled data (gpaikit "
                                "corpus scan --source crawled)");
  }
  value.status = FieldStatus::kFilled;
}

void FillTdmMeasures(FieldValue& value, const Context& context) {
  FillFrom(value, context, context.data.tdm_measures, "tdm_optout.measures");
  if (context.stats &&
      (context.stats->has_optout || context.stats->removed_by_filter.records > 0)) {
    value.remarks.push_back(OptoutAuditNote(*context.stats));
  }
}

using Filler = std::function<void(FieldValue&, Context&)>;

// A template field answered by one fact of training_data: `fill` reads the fact at its path of
// members and fills the field by the fact's type (narrative, yes/no, modalities or named list).
struct FactField {
  std::string_view id;   // the template field (data/forms/training-content-summary-*.yaml)
  std::string_view key;  // where gpaikit.yaml gives the fact, under training_data
  void (*fill)(FieldValue&, const Context&, const std::string&);
};

template <auto... path>
void FillFact(FieldValue& value, const Context& context, const std::string& key) {
  FillFrom(value, context, (context.data.*....*path), key);
}

using project::CrawlingFacts;
using project::TrainingData;
using project::UserDataFacts;

// The fields filled straight from one fact, in template order: a new one is one line here.
constexpr FactField kFactFields[] = {
    {"linguistic_characteristics", "linguistic", FillFact<&TrainingData::linguistic>},
    {"other_characteristics", "other_characteristics",
     FillFact<&TrainingData::other_characteristics>},
    {"overall_comments", "comments", FillFact<&TrainingData::comments>},
    {"public_used", "public_datasets.used",
     FillFact<&TrainingData::public_datasets, &SourceFacts::used>},
    {"public_modalities", "public_datasets.modalities",
     FillFact<&TrainingData::public_datasets, &SourceFacts::modalities>},
    {"public_large", "public_datasets.large",
     FillFact<&TrainingData::public_datasets, &SourceFacts::listed>},
    {"public_other", "public_datasets.other",
     FillFact<&TrainingData::public_datasets, &SourceFacts::description>},
    {"public_comments", "public_datasets.comments",
     FillFact<&TrainingData::public_datasets, &SourceFacts::comments>},
    {"licensed_used", "licensed.used", FillFact<&TrainingData::licensed, &SourceFacts::used>},
    {"licensed_modalities", "licensed.modalities",
     FillFact<&TrainingData::licensed, &SourceFacts::modalities>},
    {"licensed_comments", "licensed.comments",
     FillFact<&TrainingData::licensed, &SourceFacts::comments>},
    {"private_used", "private_third_party.used",
     FillFact<&TrainingData::private_third_party, &SourceFacts::used>},
    {"private_modalities", "private_third_party.modalities",
     FillFact<&TrainingData::private_third_party, &SourceFacts::modalities>},
    {"private_known", "private_third_party.known",
     FillFact<&TrainingData::private_third_party, &SourceFacts::listed>},
    {"private_description", "private_third_party.description",
     FillFact<&TrainingData::private_third_party, &SourceFacts::description>},
    {"private_comments", "private_third_party.comments",
     FillFact<&TrainingData::private_third_party, &SourceFacts::comments>},
    {"crawl_used", "crawling.used", FillFact<&TrainingData::crawling, &CrawlingFacts::used>},
    {"crawler_behaviour", "crawling.behaviour",
     FillFact<&TrainingData::crawling, &CrawlingFacts::behaviour>},
    {"crawl_content", "crawling.content",
     FillFact<&TrainingData::crawling, &CrawlingFacts::content>},
    {"crawl_comments", "crawling.comments",
     FillFact<&TrainingData::crawling, &CrawlingFacts::comments>},
    {"user_model_interactions", "user_data.model_interactions",
     FillFact<&TrainingData::user_data, &UserDataFacts::model_interactions>},
    {"user_other_services", "user_data.other_services",
     FillFact<&TrainingData::user_data, &UserDataFacts::other_services>},
    {"user_services", "user_data.services",
     FillFact<&TrainingData::user_data, &UserDataFacts::services>},
    {"user_modalities", "user_data.modalities",
     FillFact<&TrainingData::user_data, &UserDataFacts::modalities>},
    {"user_comments", "user_data.comments",
     FillFact<&TrainingData::user_data, &UserDataFacts::comments>},
    {"synthetic_used", "synthetic.used", FillFact<&TrainingData::synthetic, &SourceFacts::used>},
    {"synthetic_modalities", "synthetic.modalities",
     FillFact<&TrainingData::synthetic, &SourceFacts::modalities>},
    {"synthetic_market_models", "synthetic.market_models",
     FillFact<&TrainingData::synthetic, &SourceFacts::listed>},
    {"synthetic_other_models", "synthetic.other_models",
     FillFact<&TrainingData::synthetic, &SourceFacts::description>},
    {"synthetic_comments", "synthetic.comments",
     FillFact<&TrainingData::synthetic, &SourceFacts::comments>},
    {"other_used", "other_sources.used",
     FillFact<&TrainingData::other_sources, &SourceFacts::used>},
    {"other_description", "other_sources.description",
     FillFact<&TrainingData::other_sources, &SourceFacts::description>},
    {"other_comments", "other_sources.comments",
     FillFact<&TrainingData::other_sources, &SourceFacts::comments>},
    {"tdm_comments", "tdm_optout.comments", FillFact<&TrainingData::tdm_comments>},
    {"illegal_content", "illegal_content", FillFact<&TrainingData::illegal_content>},
    {"other_processing", "other_processing", FillFact<&TrainingData::other_processing>},
};

// Fields whose answer is computed (from several facts, the statistics or the form's own text).
const std::map<std::string, Filler>& SpecialFillers() {
  static const std::map<std::string, Filler> fillers = {
      {"provider",
       [](FieldValue& v, Context& c) {
         const project::Provider& p = c.project.provider;
         if (p.legal_name.empty()) return Missing(v, "give provider.legal_name");
         Fill(v, p.legal_name + (p.contact.empty() ? "" : ", " + p.contact));
       }},
      {"authorised_representative",
       [](FieldValue& v, Context& c) {
         const auto& rep = c.project.provider.authorised_representative;
         if (!rep) return Missing(v, "give provider.authorised_representative (AI Act Art. 54)");
         Fill(v, rep->name + (rep->contact.empty() ? "" : ", " + rep->contact));
       }},
      {"model_names",
       [](FieldValue& v, Context& c) {
         if (c.model.versions.empty()) v.items.push_back(c.model.name);
         for (const std::string& version : c.model.versions) {
           v.items.push_back(c.model.name + " " + version);
         }
         v.status = FieldStatus::kFilled;
       }},
      {"model_dependencies",
       [](FieldValue& v, Context& c) {
         if (!c.model.base_model) return Missing(v, "give base_model for model " + c.model.id);
         const project::BaseModel& base = *c.model.base_model;
         Fill(v, base.summary_url.empty()
                     ? base.name
                     : base.name + " (its public summary: " + base.summary_url + ")");
         v.notes.push_back(c.form.modifiers.text);
         if (base.summary_url.empty()) {
           const law::summary::SourcedText& hint = c.form.modifiers_summary_link;
           v.notes.push_back(hint.text + "; " + hint.provenance.source +
                             " (verified: " + hint.provenance.verified + ")");
         }
       }},
      {"placement_date",
       [](FieldValue& v, Context& c) {
         if (!c.model.union_market_date) {
           return Missing(v, "give union_market_date for model " + c.model.id);
         }
         Fill(v, c.model.union_market_date->ToString());
       }},
      {"modalities_size",
       [](FieldValue& v, Context& c) {
         FillSizeTable(v, c.data, c.form, c.stats, c.project.root);
       }},
      {"latest_acquisition", [](FieldValue& v, Context& c) { FillLatestAcquisition(v, c); }},
      {"crawler_names",
       [](FieldValue& v, Context& c) {
         if (c.data.crawling.crawlers.empty()) {
           return Missing(v, "list them in training_data.crawling.crawlers");
         }
         for (const auto& crawler : c.data.crawling.crawlers) v.items.push_back(crawler.name);
         v.status = FieldStatus::kFilled;
       }},
      {"crawler_purposes",
       [](FieldValue& v, Context& c) {
         FillFrom(v, c, c.data.crawling.purposes, "crawling.purposes");
         std::string per_crawler;
         for (const auto& crawler : c.data.crawling.crawlers) {
           if (crawler.description.empty()) continue;
           per_crawler +=
               (per_crawler.empty() ? "" : "; ") + crawler.name + ": " + crawler.description;
         }
         if (per_crawler.empty()) return;
         if (v.status == FieldStatus::kFilled)
           return Fill(v, v.text + " Per crawler: " + per_crawler);
         v.why.clear();
         Fill(v, per_crawler);
       }},
      {"crawl_period", [](FieldValue& v, Context& c) { FillPeriod(v, c.data.crawling); }},
      {"crawl_modalities",
       [](FieldValue& v, Context& c) {
         std::vector<std::string> modalities = c.data.crawling.modalities;
         if (modalities.empty() && c.stats) {
           modalities = MeasuredModalities(*c.stats);
           if (!modalities.empty())
             v.notes.push_back("measured: modalities with records in the corpus statistics");
         }
         FillFrom(v, c, modalities, "crawling.modalities");
       }},
      {"top_domains", [](FieldValue& v, Context& c) { FillTopDomains(v, c); }},
      {"tdm_signatory",
       [](FieldValue& v, Context& c) {
         v.yes = c.project.provider.signatory.copyright;
         v.status = FieldStatus::kFilled;
         v.notes.push_back("from provider.signatory.copyright (the Copyright chapter)");
       }},
      {"tdm_measures", [](FieldValue& v, Context& c) { FillTdmMeasures(v, c); }},
  };
  return fillers;
}

// One filler per template field id; null when gpaikit cannot fill the field.
const Filler* FindFiller(const std::string& id) {
  static const std::map<std::string, Filler> fillers = [] {
    std::map<std::string, Filler> all = SpecialFillers();
    for (const FactField& field : kFactFields) {
      all.emplace(field.id, [&field](FieldValue& value, Context& context) {
        field.fill(value, context, std::string(field.key));
      });
    }
    return all;
  }();
  auto it = fillers.find(id);
  return it == fillers.end() ? nullptr : &it->second;
}

FieldValue Start(const law::summary::Field& field) {
  FieldValue value;
  value.id = field.id;
  value.section = field.section;
  value.label = field.label;
  value.kind = field.kind;
  value.provenance = field.provenance;
  return value;
}

// Why `field` does not apply to this model, or "" when it does.
std::string NotApplicableBecause(const law::summary::Field& field, const Context& context) {
  // AI Act Art. 54(1) and 54(6): the representative is owed only where the obligation applies
  // (a provider outside the Union, not relieved by the open-source exemption).
  if (field.applies_to == "non-eu") {
    const scope::Obligation* representative = context.assessment.AuthorisedRepresentative();
    if (!representative || !representative->applies) {
      return "no authorised representative is required (AI Act Art. 54: " +
             (representative ? representative->reason : std::string("not in the rulepack")) + ")";
    }
  }
  if (field.applies_to == "modifiers" && !context.model.base_model) {
    return "the model does not modify another general-purpose AI model (no base_model)";
  }
  if (field.when.empty()) return "";
  std::string unanswered;
  for (const std::string& gate : field.when) {
    auto it = context.done.find(gate);
    if (it == context.done.end()) continue;
    if (it->second->yes.value_or(false)) return "";
    if (!it->second->yes) unanswered = gate;
  }
  if (!unanswered.empty()) return "depends on '" + unanswered + "', which is not answered";
  return "answered No to '" + field.when.front() + "'";
}

}  // namespace

std::string_view FieldStatusName(FieldStatus status) {
  switch (status) {
    case FieldStatus::kFilled:
      return "filled";
    case FieldStatus::kMissing:
      return "missing";
    case FieldStatus::kNotApplicable:
      return "not-applicable";
    case FieldStatus::kOptionalEmpty:
      return "empty";
  }
  return "missing";
}

int TrainingSummary::CountStatus(FieldStatus status) const {
  int count = (version.status == status) + (last_update.status == status);
  for (const FieldValue& field : fields) count += field.status == status;
  return count;
}

int TrainingSummary::CountFields(FieldStatus status) const {
  return static_cast<int>(std::count_if(fields.begin(), fields.end(),
                                        [&](const FieldValue& f) { return f.status == status; }));
}

std::string TrainingSummary::CountsText() const {
  std::string text =
      std::to_string(CountFields(FieldStatus::kFilled)) + " of the template's " +
      std::to_string(fields.size()) + " fields filled, " +
      std::to_string(CountFields(FieldStatus::kNotApplicable)) + " not applicable, " +
      std::to_string(CountFields(FieldStatus::kOptionalEmpty)) + " optional left empty, " +
      std::to_string(CountFields(FieldStatus::kMissing)) + " missing";
  std::string header;
  for (const FieldValue* entry : {&version, &last_update}) {
    if (entry->status == FieldStatus::kMissing) header += (header.empty() ? "" : ", ") + entry->id;
  }
  return header.empty() ? text : text + "; header: " + header + " missing";
}

std::vector<std::string> TrainingSummary::MissingIds() const {
  std::vector<std::string> ids;
  for (const FieldValue* field : {&version, &last_update})
    if (field->status == FieldStatus::kMissing) ids.push_back(field->id);
  for (const FieldValue& field : fields)
    if (field.status == FieldStatus::kMissing) ids.push_back(field.id);
  return ids;
}

std::vector<std::filesystem::path> StatsFilesOf(const project::Project& project,
                                                const project::Model& model) {
  std::vector<std::filesystem::path> files;
  if (!model.training_data) return files;
  for (const std::string& file : model.training_data->stats) files.push_back(project.root / file);
  return files;
}

TrainingSummary BuildTrainingSummary(const project::Project& project,
                                     const scope::ModelAssessment& assessment,
                                     const law::summary::Template& form, const CorpusStats* stats) {
  const project::Model& model = *assessment.model;
  const project::TrainingData& data = model.training_data ? *model.training_data : NoFacts();
  Context context{project, assessment, model, data, form, stats, {}};
  TrainingSummary out;
  out.model_id = model.id;
  out.model_name = model.name;
  out.form = form.form;
  if (stats) out.stats = *stats;
  if (stats) out.stats_files = stats->files;
  out.previous_versions = data.previous_versions;
  for (const law::summary::Field& header : form.header_fields) {
    FieldValue value = Start(header);
    if (header.id == "version") {
      data.summary_version.empty()
          ? Missing(value, "give training_data.summary.version in gpaikit.yaml")
          : Fill(value, data.summary_version);
      for (const project::PreviousVersion& previous : data.previous_versions) {
        value.items.push_back(previous.version + ": " + previous.url);
      }
      out.version = std::move(value);
    } else {
      data.last_update ? Fill(value, data.last_update->ToString())
                       : Missing(value, "give training_data.summary.last_update in gpaikit.yaml");
      out.last_update = std::move(value);
    }
  }
  out.fields.reserve(form.fields.size());
  for (const law::summary::Field& field : form.fields) {
    FieldValue value = Start(field);
    std::string not_applicable = NotApplicableBecause(field, context);
    const Filler* filler = FindFiller(field.id);
    if (!not_applicable.empty()) {
      value.status = FieldStatus::kNotApplicable;
      value.why = not_applicable;
    } else if (!filler) {
      Missing(value, "gpaikit cannot fill template field '" + field.id + "' of " + form.form);
    } else {
      (*filler)(value, context);
      if (!model.training_data && value.status == FieldStatus::kMissing) {
        value.why = "no training_data for model " + model.id + " in gpaikit.yaml: " + value.why;
      }
    }
    if (field.optional && value.status == FieldStatus::kMissing) {
      value.status = FieldStatus::kOptionalEmpty;
      value.why.clear();
    }
    out.fields.push_back(std::move(value));
    context.done[field.id] = &out.fields.back();  // stable: reserved above
  }
  out.findings = SummaryFindings(model, data, stats);
  return out;
}

}  // namespace gpaikit::docs
