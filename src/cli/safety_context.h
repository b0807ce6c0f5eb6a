// What the incident command and the safety and assessment sections of `check` share: the Code
// rulepack, the business-day calendar and the project's safety records, loaded once per project.
#ifndef GPAIKIT_CLI_SAFETY_CONTEXT_H_
#define GPAIKIT_CLI_SAFETY_CONTEXT_H_

#include <filesystem>
#include <memory>

#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/safety/safety.h"
#include "gpaikit/base/status.h"

namespace gpaikit::cli {

struct SafetyContext {
  law::CodeOfPractice code;
  safety::HolidayCalendar calendar;
  safety::SafetyRecords records;
};

// The calendar: <project>/safety/holidays.yaml when present, else data/law/holidays/default.yaml.
Result<safety::HolidayCalendar> LoadProjectCalendar(const std::filesystem::path& project_root);

// Loads (and caches per project folder) the Code, the calendar and the safety records.
Result<std::shared_ptr<const SafetyContext>> LoadSafetyContext(
    const std::filesystem::path& project_root);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_SAFETY_CONTEXT_H_
