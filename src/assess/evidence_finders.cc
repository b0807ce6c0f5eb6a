// Finds evidence for the Code's measures in gpaikit.yaml facts, the safety/ records and the
// incident log (Code of Practice, Transparency 1.1-1.2, Copyright 1.1, Safety and Security
// Measures 1.1-10.2; Appendix 1.4 specified risks; Measure 7.3 five samples per evaluation).
#include "assess/evidence_finders.h"

#include <algorithm>
#include <functional>

namespace gpaikit::assess::internal {
namespace {

using Finder = std::function<std::optional<Finding>(const law::CopEvidence&, const Facts&)>;

Finding Yes(std::string detail) { return {Found::kYes, std::move(detail)}; }

// A fulfilment recorded in gpaikit.yaml `fulfilled:` for an AI Act obligation.
Finder Fulfilment(std::string obligation) {
  return [obligation](const law::CopEvidence&, const Facts& facts) -> std::optional<Finding> {
    const project::Fulfilment* f = facts.input->assessment->model->FulfilmentOf(obligation);
    if (!f) return std::nullopt;  // the register may still hold it
    return Yes(f->evidence + " (" + obligation + " fulfilled " + f->date.ToString() +
               ", gpaikit.yaml)");
  };
}

const safety::Framework* FrameworkFor(const Facts& facts) {
  const auto& framework = facts.input->safety_documentation->framework;
  if (!framework) return nullptr;
  const scope::ModelAssessment& a = *facts.input->assessment;
  return framework->Covers(a.model->id, a.classification.systemic_risk) ? &*framework : nullptr;
}

Finder FrameworkContent() {
  return [](const law::CopEvidence& e, const Facts& facts) -> std::optional<Finding> {
    const safety::Framework* framework = FrameworkFor(facts);
    if (!framework) return std::nullopt;
    auto found = framework->contents.find(e.id);
    if (found == framework->contents.end()) return std::nullopt;
    return Yes(found->second + " (" + framework->file + ")");
  };
}

const safety::RiskRegister* Register(const Facts& facts) {
  return facts.input->safety_documentation->RegisterFor(facts.input->assessment->model->id);
}

// Every risk in the register satisfies `has`; otherwise names the risks that do not.
Finder EveryRisk(std::string what, std::function<bool(const safety::Risk&)> has) {
  return [what, has](const law::CopEvidence&, const Facts& facts) -> std::optional<Finding> {
    const safety::RiskRegister* reg = Register(facts);
    if (!reg || reg->risks.empty()) return std::nullopt;
    std::string lacking;
    int count = 0;
    for (const safety::Risk& risk : reg->risks) {
      if (has(risk)) {
        ++count;
      } else {
        lacking += (lacking.empty() ? "" : ", ") + risk.id;
      }
    }
    std::string where = " (" + reg->file + ")";
    if (lacking.empty()) return Yes(what + " for all " + std::to_string(count) + " risks" + where);
    return Finding{count ? Found::kPartly : Found::kNo, what + " lacking for " + lacking + where};
  };
}

Finder SpecifiedRisks() {
  return [](const law::CopEvidence& e, const Facts& facts) -> std::optional<Finding> {
    const safety::RiskRegister* reg = Register(facts);
    if (!reg) return std::nullopt;
    std::string lacking;
    for (const std::string& id : e.requires_items) {
      bool present = std::any_of(reg->risks.begin(), reg->risks.end(),
                                 [&](const safety::Risk& r) { return r.id == id; });
      if (!present) lacking += (lacking.empty() ? "" : ", ") + id;
    }
    std::string where = " (" + reg->file + ")";
    if (lacking.empty()) {
      return Yes(std::to_string(reg->risks.size()) + " risks including the four specified ones" +
                 where);
    }
    return Finding{Found::kPartly, "specified risks missing from the register: " + lacking + where};
  };
}

const safety::ModelReport* Report(const Facts& facts) {
  return facts.input->safety_documentation->ReportFor(facts.input->assessment->model->id);
}

Finder ReportSection() {
  return [](const law::CopEvidence& e, const Facts& facts) -> std::optional<Finding> {
    const safety::ModelReport* report = Report(facts);
    if (!report) return std::nullopt;
    auto found = report->sections.find(e.id);
    if (found == report->sections.end()) return std::nullopt;
    return Yes(found->second + " (" + report->file + ")");
  };
}

std::vector<const safety::Incident*> Incidents(const Facts& facts) {
  std::vector<const safety::Incident*> out;
  for (const safety::Incident& incident : facts.input->safety_documentation->incidents) {
    if (incident.model == facts.input->assessment->model->id) out.push_back(&incident);
  }
  return out;
}

// Incident records: per incident, whether `ok` holds for its clocks.
Finder EveryIncident(
    std::string what,
    std::function<bool(const safety::Incident&, const safety::IncidentClocks&)> ok) {
  return [what, ok](const law::CopEvidence&, const Facts& facts) -> std::optional<Finding> {
    std::vector<const safety::Incident*> incidents = Incidents(facts);
    if (incidents.empty()) {
      return Yes("no serious incident recorded for this model in .gpaikit/ledger.sqlite");
    }
    std::string lacking;
    for (const safety::Incident* incident : incidents) {
      Result<safety::IncidentClocks> clocks = safety::ComputeIncidentClocks(
          *incident, *facts.input->code, *facts.input->calendar, facts.input->as_of);
      if (!clocks.ok() || !ok(*incident, *clocks)) {
        lacking += (lacking.empty() ? "" : ", ") + std::to_string(incident->id);
      }
    }
    if (lacking.empty()) {
      return Yes(what + " for all " + std::to_string(incidents.size()) + " incidents");
    }
    return Finding{Found::kPartly, what + " lacking for incident " + lacking};
  };
}

const std::map<std::string, Finder>& Finders() {
  using safety::Incident;
  using safety::IncidentClocks;
  static const std::map<std::string, Finder> finders = [] {
    std::map<std::string, Finder> f;
    f["T-1.1.model-documentation"] = Fulfilment("AIA-53-1-a");
    f["T-1.2.downstream-package"] = Fulfilment("AIA-53-1-b");
    f["C-1.1.policy-document"] = Fulfilment("AIA-53-1-c");
    f["T-1.1.union-market-date"] = [](const law::CopEvidence&,
                                      const Facts& facts) -> std::optional<Finding> {
      std::optional<CivilDate> date = facts.input->assessment->model->PlacementDate();
      if (!date) return std::nullopt;
      return Yes(date->ToString() + " (gpaikit.yaml union_market_date)");
    };
    f["T-1.2.contact-point"] = [](const law::CopEvidence&,
                                  const Facts& facts) -> std::optional<Finding> {
      const std::string& contact = facts.input->project->provider.contact;
      if (contact.empty()) return std::nullopt;
      return Yes(contact + " (gpaikit.yaml provider.contact)");
    };
    f["SS-1.1.art52-notification-date"] = Fulfilment("AIA-52-1");
    f["T-1.1.version-history"] = [](const law::CopEvidence&,
                                    const Facts& facts) -> std::optional<Finding> {
      const store::LedgerFacts* log = facts.input->log;
      if (!log || log->versions.empty()) return std::nullopt;
      return Yes(std::to_string(log->versions.size()) + " published versions in the ledger, " +
                 "latest " + log->versions.back());
    };
    f["T-1.3.tamper-evident-history"] = [](const law::CopEvidence&,
                                           const Facts& facts) -> std::optional<Finding> {
      const store::LedgerFacts* log = facts.input->log;
      if (!log || log->versions.empty()) return std::nullopt;
      if (!log->verified) {
        return Finding{Found::kPartly, "ledger does not verify: " + log->problem};
      }
      return Yes("hash chain of .gpaikit/ledger.sqlite verifies over " +
                 std::to_string(log->entries) + " entries");
    };
    f["T-1.2.downstream-requests"] = [](const law::CopEvidence&,
                                        const Facts& facts) -> std::optional<Finding> {
      const store::LedgerFacts* log = facts.input->log;
      if (!log || !log->present) return std::nullopt;
      if (log->requests_overdue > 0) {
        return Finding{Found::kPartly, std::to_string(log->requests_overdue) + " of " +
                                           std::to_string(log->requests) +
                                           " downstream requests unanswered past their due date"};
      }
      return Yes(std::to_string(log->requests) +
                 " downstream requests recorded in .gpaikit/ledger.sqlite, none overdue");
    };
    for (const char* id :
         {"SS-1.1.framework", "SS-1.1.trigger-points", "SS-1.1.acceptance-criteria",
          "SS-1.1.tier-mitigations", "SS-1.1.timeline-estimates", "SS-1.1.external-input",
          "SS-1.1.responsibility-allocation", "SS-1.1.update-process"}) {
      f[id] = FrameworkContent();
    }
    f["SS-1.1.confirmation-date"] = [](const law::CopEvidence&,
                                       const Facts& facts) -> std::optional<Finding> {
      const safety::Framework* framework = FrameworkFor(facts);
      if (!framework || framework->versions.empty()) return std::nullopt;
      const auto& v = framework->versions.back();
      return Yes("version " + v.version + " confirmed " + v.confirmed.ToString() + " (" +
                 framework->file + ")");
    };
    f["SS-1.3.changelog"] = [](const law::CopEvidence&,
                               const Facts& facts) -> std::optional<Finding> {
      const safety::Framework* framework = FrameworkFor(facts);
      if (!framework || framework->versions.empty()) return std::nullopt;
      return Yes(std::to_string(framework->versions.size()) +
                 " versions with changelog, number and date (" + framework->file + ")");
    };
    f["SS-1.3.framework-assessments"] = [](const law::CopEvidence&,
                                           const Facts& facts) -> std::optional<Finding> {
      const safety::Framework* framework = FrameworkFor(facts);
      if (!framework || framework->assessments.empty()) return std::nullopt;
      return Yes("last assessment " + framework->assessments.back().ToString() + " (" +
                 framework->file + ")");
    };
    f["SS-1.4.framework-sent"] = [](const law::CopEvidence&,
                                    const Facts& facts) -> std::optional<Finding> {
      const safety::Framework* framework = FrameworkFor(facts);
      if (!framework || framework->versions.empty()) return std::nullopt;
      std::string unsent;
      for (const auto& v : framework->versions) {
        if (!v.sent_to_ai_office) unsent += (unsent.empty() ? "" : ", ") + v.version;
      }
      if (unsent.empty())
        return Yes("every version sent to the AI Office (" + framework->file + ")");
      return Finding{Found::kPartly, "not recorded as sent: version " + unsent};
    };
    f["SS-2.1.risk-register"] = SpecifiedRisks();
    f["SS-2.2.scenarios"] =
        EveryRisk("scenarios", [](const safety::Risk& r) { return !r.scenarios.empty(); });
    f["SS-3.2.evaluations"] =
        EveryRisk("evaluations", [](const safety::Risk& r) { return !r.evaluations.empty(); });
    f["SS-4.1.tiers"] = EveryRisk("tiers", [](const safety::Risk& r) { return !r.tiers.empty(); });
    f["SS-4.1.determinations"] = EveryRisk("acceptance determinations", [](const safety::Risk& r) {
      return !r.determination.empty();
    });
    f["SS-5.1.mitigations"] =
        EveryRisk("mitigations", [](const safety::Risk& r) { return !r.mitigations.empty(); });
    f["SS-7.3.evaluation-samples"] = [](const law::CopEvidence& e,
                                        const Facts& facts) -> std::optional<Finding> {
      int minimum = e.minimum_per_evaluation.value_or(1);
      return EveryRisk("at least " + std::to_string(minimum) + " samples per evaluation",
                       [minimum](const safety::Risk& r) {
                         return !r.evaluations.empty() &&
                                std::all_of(r.evaluations.begin(), r.evaluations.end(),
                                            [minimum](const safety::RiskEvaluation& v) {
                                              return v.samples.value_or(0) >= minimum;
                                            });
                       })(e, facts);
    };
    for (const char* id :
         {"SS-7.1.report-section", "SS-7.2.report-section", "SS-7.3.identification-analysis",
          "SS-7.3.safety-mitigations", "SS-7.3.security", "SS-7.3.outlook",
          "SS-7.4.external-reports", "SS-7.4.no-evaluator-justification",
          "SS-7.4.evaluator-selection", "SS-7.5.report-section"}) {
      f[id] = ReportSection();
    }
    f["SS-7.6.report-versions"] = [](const law::CopEvidence&,
                                     const Facts& facts) -> std::optional<Finding> {
      const safety::ModelReport* report = Report(facts);
      if (!report || report->versions.empty()) return std::nullopt;
      return Yes(std::to_string(report->versions.size()) + " versions with changelog (" +
                 report->file + ")");
    };
    // Measure 7.6: grounds for an update recorded in model-reports.yaml (update_grounds).
    f["SS-7.6.update-triggers"] = [](const law::CopEvidence&,
                                     const Facts& facts) -> std::optional<Finding> {
      const safety::ModelReport* report = Report(facts);
      if (!report || report->update_grounds.empty()) return std::nullopt;
      std::string grounds;
      for (const safety::UpdateGround& g : report->update_grounds) {
        grounds += (grounds.empty() ? "" : ", ") + g.trigger + " " + g.aware.ToString();
      }
      return Yes(grounds + " (" + report->file + ")");
    };
    // Measure 7.6: exceptions to the six-monthly update recorded in model-reports.yaml.
    f["SS-7.6.periodic-exception"] = [](const law::CopEvidence&,
                                        const Facts& facts) -> std::optional<Finding> {
      const safety::ModelReport* report = Report(facts);
      if (!report || report->periodic_exceptions.empty()) return std::nullopt;
      std::string exceptions;
      for (const safety::PeriodicException& e : report->periodic_exceptions) {
        exceptions += (exceptions.empty() ? "" : ", ") + e.exception + " " + e.date.ToString();
      }
      return Yes(exceptions + " (" + report->file + ")");
    };
    f["SS-7.7.report-sent"] = [](const law::CopEvidence&,
                                 const Facts& facts) -> std::optional<Finding> {
      const safety::ModelReport* report = Report(facts);
      if (!report || report->versions.empty()) return std::nullopt;
      for (const auto& v : report->versions) {
        if (!v.sent_to_ai_office)
          return Finding{Found::kPartly, "version " + v.version + " not sent"};
      }
      return Yes("every version given to the AI Office (" + report->file + ")");
    };
    // Measure 10.2: the summaries marked published (public_summary in the safety/ records).
    f["SS-10.2.framework-summary"] = [](const law::CopEvidence&,
                                        const Facts& facts) -> std::optional<Finding> {
      const safety::Framework* framework = FrameworkFor(facts);
      if (!framework || framework->public_summary.empty()) return std::nullopt;
      return Yes(framework->public_summary + " (" + framework->file + " public_summary)");
    };
    f["SS-10.2.model-report-summary"] = [](const law::CopEvidence&,
                                           const Facts& facts) -> std::optional<Finding> {
      const safety::ModelReport* report = Report(facts);
      if (!report || report->public_summary.empty()) return std::nullopt;
      return Yes(report->public_summary + " (" + report->file + " public_summary)");
    };
    f["SS-9.2.incident-records"] = EveryIncident(
        "template items 1-7 known",
        [](const Incident&, const IncidentClocks& c) { return c.missing_initial_items.empty(); });
    f["SS-9.3.initial-report"] = EveryIncident(
        "initial report sent or not yet due", [](const Incident& i, const IncidentClocks& c) {
          (void)i;
          return !(c.status == "overdue" && c.next_report == "initial");
        });
    f["SS-9.3.intermediate-reports"] =
        EveryIncident("intermediate reports on time", [](const Incident&, const IncidentClocks& c) {
          return !(c.status == "overdue" && c.next_report == "intermediate");
        });
    f["SS-9.3.final-report"] =
        EveryIncident("final report on time", [](const Incident&, const IncidentClocks& c) {
          return !(c.status == "overdue" && c.next_report == "final");
        });
    f["SS-9.4.retention"] =
        EveryIncident("kept in the append-only log with a retention date",
                      [](const Incident& i, const IncidentClocks&) { return !i.entries.empty(); });
    return f;
  }();
  return finders;
}

}  // namespace

std::optional<Finding> FindAutomatically(const law::CopEvidence& evidence, const Facts& facts) {
  auto finder = Finders().find(evidence.id);
  if (finder == Finders().end()) return std::nullopt;
  return finder->second(evidence, facts);
}

std::optional<Finding> FindInRegister(const law::CopEvidence& evidence, const Facts& facts) {
  auto found = facts.scope.evidence.find(evidence.id);
  if (found == facts.scope.evidence.end()) return std::nullopt;
  const EvidenceEntry& entry = found->second;
  std::string where = " (evidence.yaml)";
  if (evidence.per_item_of == "CoP-SS-A4" && entry.reference.empty()) {
    std::string lacking;
    int count = 0;
    for (const law::AppendixItem& item : facts.input->code->security_objectives) {
      if (entry.items.contains(item.id)) {
        ++count;
      } else {
        lacking += (lacking.empty() ? "" : ", ") + item.id;
      }
    }
    if (lacking.empty()) return Yes("all " + std::to_string(count) + " objectives" + where);
    return Finding{count ? Found::kPartly : Found::kNo,
                   std::to_string(count) + " of " +
                       std::to_string(facts.input->code->security_objectives.size()) +
                       " objectives; lacking " + lacking + where};
  }
  return Yes(entry.reference + where);
}

std::optional<Finding> Find(const law::CopEvidence& evidence, const Facts& facts) {
  std::optional<Finding> finding = FindAutomatically(evidence, facts);
  if (!finding || finding->found == Found::kNo) {
    if (std::optional<Finding> listed = FindInRegister(evidence, facts)) finding = listed;
  }
  return finding;
}

bool FoundAutomatically(std::string_view evidence_id) {
  return Finders().contains(std::string(evidence_id));
}

}  // namespace gpaikit::assess::internal
