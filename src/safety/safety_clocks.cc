// Framework and Model Report clocks for one model (Code of Practice, Safety and Security,
// Measures 1.1, 1.3, 1.4, 7.6 and 7.7): due dates from the rulepack's clocks, done dates from
// the documentation in safety/*.yaml.
#include <algorithm>

#include "gpaikit/safety/safety.h"

namespace gpaikit::safety {
namespace {

ClockInstance Instance(const law::CopClock& clock, std::string what, std::optional<CivilDate> due,
                       std::optional<CivilDate> done, const CivilDate& as_of, std::string basis) {
  ClockInstance out;
  out.clock = clock.name;
  out.what = std::move(what);
  out.due = due;
  out.done = done;
  out.source = clock.source;
  out.verified = clock.verified;
  out.basis = std::move(basis);
  if (!due) {
    out.status = done ? "met" : "no-date";
  } else if (done) {
    out.status = *done <= *due ? "met" : "late";
  } else {
    out.status = *due < as_of ? "overdue" : "upcoming";
  }
  return out;
}

// A clock the Code gives no fixed period for ("without undue delay", "within a reasonable time"):
// met once done, otherwise shown with its trigger and no due date, never as overdue.
ClockInstance NoFixedPeriod(const law::CopClock& clock, std::string what,
                            std::optional<CivilDate> done, const std::string& anchor) {
  std::string words = clock.amount_source;
  std::replace(words.begin(), words.end(), '-', ' ');
  ClockInstance out =
      Instance(clock, std::move(what), std::nullopt, done, CivilDate(),
               "\"" + words + "\" from " + anchor + " (the Code sets no fixed period)");
  if (!done) out.status = "no-fixed-period";
  return out;
}

void FrameworkClocks(const Framework& framework, const ModelFacts& facts,
                     const law::CodeOfPractice& code, const HolidayCalendar& calendar,
                     const CivilDate& as_of, std::vector<ClockInstance>& out) {
  std::optional<CivilDate> first_confirmed;
  for (const FrameworkVersion& version : framework.versions) {
    if (!first_confirmed || version.confirmed < *first_confirmed) {
      first_confirmed = version.confirmed;
    }
  }
  // Measure 1.1: confirmed by the earliest of the clocks in group framework-confirmation.
  std::optional<CivilDate> due;
  const law::CopClock* deciding = nullptr;
  std::string basis;
  if (const law::CopMeasure* m11 = code.FindMeasure("CoP-SS-1.1")) {
    for (const law::CopClock& clock : m11->clocks) {
      // Measure 1.1 runs from the Art. 52(1) notification, not from placement; while it is not
      // recorded as made, from the day it is due (the latest it may be made).
      bool notification = clock.from == "art52-notification";
      std::optional<CivilDate> anchor =
          notification ? (facts.notification ? facts.notification : facts.notification_due)
          : clock.from == "placed-on-market" ? facts.placed
                                             : std::nullopt;
      if (!anchor) continue;
      std::optional<CivilDate> candidate = ClockDue(clock, *anchor, calendar);
      if (candidate && (!due || *candidate < *due)) {
        due = candidate;
        deciding = &clock;
        basis = clock.name + " from " + clock.from + " " + anchor->ToString() +
                (notification && !facts.notification ? " (not recorded as made: its due day)" : "");
      }
    }
    if (deciding) {
      out.push_back(Instance(*deciding, "Framework confirmed", due, first_confirmed, as_of,
                             basis + " (earliest of the framework-confirmation group)"));
    }
  }
  // Measure 1.4: each confirmed version to the AI Office within 5 business days.
  if (const law::CopClock* clock = code.FindClock("framework-to-ai-office")) {
    for (const FrameworkVersion& version : framework.versions) {
      std::optional<CivilDate> version_due = ClockDue(*clock, version.confirmed, calendar);
      std::string note = "from confirmation " + version.confirmed.ToString();
      if (version_due && OutsideCoverage(*clock, version.confirmed, *version_due, calendar)) {
        note += "; outside the holiday calendar's years, weekends only";
      }
      out.push_back(Instance(*clock, "Framework " + version.version + " to the AI Office",
                             version_due, version.sent_to_ai_office, as_of, note));
    }
  }
  // Measure 1.3: assessed at least every 12 months from placement.
  if (const law::CopClock* clock = code.FindClock("framework-assessment"); clock && facts.placed) {
    CivilDate last = *facts.placed;
    for (const CivilDate& day : framework.assessments) last = std::max(last, day);
    out.push_back(Instance(*clock, "Framework assessment", ClockDue(*clock, last, calendar),
                           std::nullopt, as_of,
                           "every " + std::to_string(clock->amount.value_or(0)) + " " +
                               clock->unit + " from " + last.ToString()));
  }
  // Measure 1.3: updated as appropriate, without undue delay after each assessment; done by the
  // first version confirmed on or after it.
  if (const law::CopClock* clock = code.FindClock("framework-update-after-assessment")) {
    for (const CivilDate& day : framework.assessments) {
      std::optional<CivilDate> done;
      for (const FrameworkVersion& version : framework.versions) {
        if (version.confirmed >= day && (!done || version.confirmed < *done)) {
          done = version.confirmed;
        }
      }
      out.push_back(NoFixedPeriod(
          *clock,
          "Framework update after the assessment of " + day.ToString() + " (as appropriate)", done,
          "the assessment " + day.ToString()));
    }
  }
}

void ReportClocks(const ModelReport& report, const ModelFacts& facts,
                  const law::CodeOfPractice& code, const HolidayCalendar& calendar,
                  const CivilDate& as_of, std::vector<ClockInstance>& out) {
  const ModelReportVersion* first = report.versions.empty() ? nullptr : &report.versions.front();
  // Measure 7.7: by placement, or up to 15 business days later with an interim report.
  if (const law::CopClock* clock = code.FindClock("model-report-to-ai-office");
      clock && facts.placed) {
    std::optional<CivilDate> due = ClockDue(*clock, *facts.placed, calendar);
    std::string basis = "by placement " + facts.placed->ToString();
    const law::CopClock* allowance = code.FindClock("model-report-delay-allowance");
    bool interim = std::any_of(report.versions.begin(), report.versions.end(),
                               [](const ModelReportVersion& v) { return v.interim; });
    if (allowance && interim) {
      due = ClockDue(*allowance, *facts.placed, calendar);
      basis += "; extended by " + allowance->name + " (interim report sent)";
    }
    std::optional<CivilDate> done;
    for (const ModelReportVersion& version : report.versions) {
      if (!version.interim && version.sent_to_ai_office &&
          (!done || *version.sent_to_ai_office < *done)) {
        done = version.sent_to_ai_office;
      }
    }
    out.push_back(Instance(*clock, "Model Report to the AI Office", due, done, as_of, basis));
  }
  // Measure 7.7: each later version within 5 business days of its confirmation.
  if (const law::CopClock* clock = code.FindClock("model-report-update-to-ai-office")) {
    for (const ModelReportVersion& version : report.versions) {
      if (&version == first || version.interim) continue;
      out.push_back(Instance(*clock, "Model Report " + version.version + " to the AI Office",
                             ClockDue(*clock, version.date, calendar), version.sent_to_ai_office,
                             as_of, "from confirmation " + version.date.ToString()));
    }
  }
  // Measure 7.6: six-monthly for the provider's most capable models.
  if (const law::CopClock* clock = code.FindClock("model-report-periodic");
      clock && report.most_capable) {
    std::optional<CivilDate> last;
    for (const ModelReportVersion& version : report.versions) {
      if (version.sent_to_ai_office && (!last || *version.sent_to_ai_office > *last)) {
        last = version.sent_to_ai_office;
      }
    }
    if (last) {
      // An exception determined within a period (after its start, by its due day) means that
      // period's update is not needed; the next period then runs from that due day.
      CivilDate start = *last;
      std::optional<CivilDate> due = ClockDue(*clock, start, calendar);
      std::string skipped;
      while (due) {
        auto applies = [&](const PeriodicException& e) { return start < e.date && e.date <= *due; };
        auto found = std::find_if(report.periodic_exceptions.begin(),
                                  report.periodic_exceptions.end(), applies);
        if (found == report.periodic_exceptions.end()) break;
        skipped += "; the update due " + due->ToString() + " was not needed (" + found->exception +
                   ", determined " + found->date.ToString() + ")";
        start = *due;
        due = ClockDue(*clock, start, calendar);
      }
      out.push_back(Instance(
          *clock, "Six-monthly Model Report update", due, std::nullopt, as_of,
          "from the last report given " + last->ToString() +
              (skipped.empty() ? " (unless an exception of Measure 7.6 applies)" : skipped)));
    }
  }
  // Measure 7.6: an update on grounds within a reasonable time of awareness, or, for a deliberate
  // change, before the change is made available; done by the first full version dated on or after
  // awareness.
  const law::CopClock* on_grounds = code.FindClock("model-report-update-on-grounds");
  const law::CopClock* before_change = code.FindClock("model-report-update-before-change");
  for (const UpdateGround& ground : report.update_grounds) {
    std::optional<CivilDate> done;
    for (const ModelReportVersion& version : report.versions) {
      if (!version.interim && version.date >= ground.aware && (!done || version.date < *done)) {
        done = version.date;
      }
    }
    std::string what = "Model Report update on grounds '" + ground.trigger + "' (aware " +
                       ground.aware.ToString() + ")";
    if (ground.change_available && before_change) {
      out.push_back(Instance(*before_change, what, ground.change_available, done, as_of,
                             "update and full assessment completed before the change is made "
                             "available on " +
                                 ground.change_available->ToString()));
    } else if (on_grounds) {
      out.push_back(NoFixedPeriod(*on_grounds, what, done, "awareness " + ground.aware.ToString()));
    }
  }
}

}  // namespace

bool Framework::Covers(const std::string& model, bool systemic_risk) const {
  if (models.empty()) return systemic_risk;
  return std::find(models.begin(), models.end(), model) != models.end();
}

ModelFacts FactsOf(const scope::ModelAssessment& assessment) {
  const scope::Obligation* notification = assessment.Notification();
  std::optional<CivilDate> due =
      notification && notification->applies ? notification->due : std::nullopt;
  return {assessment.model->id, assessment.classification.systemic_risk,
          assessment.model->PlacementDate(), assessment.NotifiedOn(), due};
}

bool ChapterApplies(const scope::ModelAssessment& assessment, const project::Signatory& signatory,
                    const SafetyDocumentation& documentation) {
  const scope::Classification& c = assessment.classification;
  if (!scope::NotAProviderBecause(c).empty()) return false;  // the Code binds GPAI providers
  if (c.systemic_risk) return true;
  return signatory.safety_security && documentation.framework &&
         documentation.framework->Covers(assessment.model->id, /*systemic_risk=*/false);
}

std::vector<ClockInstance> SafetyClocks(const SafetyDocumentation& documentation,
                                        const ModelFacts& facts, const law::CodeOfPractice& code,
                                        const HolidayCalendar& calendar, const CivilDate& as_of) {
  std::vector<ClockInstance> out;
  // Without a Framework the confirmation clock still runs (and shows what is owed).
  Framework none;
  const Framework& framework = documentation.framework ? *documentation.framework : none;
  if (framework.Covers(facts.model, facts.systemic_risk))
    FrameworkClocks(framework, facts, code, calendar, as_of, out);
  if (const ModelReport* report = documentation.ReportFor(facts.model)) {
    ReportClocks(*report, facts, code, calendar, as_of, out);
  }
  return out;
}

}  // namespace gpaikit::safety
