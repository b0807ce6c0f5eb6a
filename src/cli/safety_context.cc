// Loads the Code rulepack, the holiday calendar and the safety records for the CLI, once per
// project folder (Code of Practice, Safety and Security; docs/safety.md "Business days").
#include "cli/safety_context.h"

#include <map>
#include <mutex>

#include "gpaikit/base/files.h"

namespace gpaikit::cli {

Result<safety::HolidayCalendar> LoadProjectCalendar(const std::filesystem::path& project_root) {
  std::filesystem::path own = project_root / "safety" / "holidays.yaml";
  return safety::LoadHolidayCalendar(
      std::filesystem::exists(own) ? own : DataDir() / safety::kDefaultHolidayFile);
}

Result<std::shared_ptr<const SafetyContext>> LoadSafetyContext(
    const std::filesystem::path& project_root) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const SafetyContext>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  std::string key = std::filesystem::absolute(project_root).lexically_normal().string();
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  auto context = std::make_shared<SafetyContext>();
  Result<law::CodeOfPractice> code = law::LoadCodeOfPractice(DataDir());
  if (!code.ok()) return code.status();
  context->code = std::move(*code);
  Result<safety::HolidayCalendar> calendar = LoadProjectCalendar(project_root);
  if (!calendar.ok()) return calendar.status();
  context->calendar = std::move(*calendar);
  Result<safety::SafetyRecords> records = safety::LoadSafetyRecords(project_root, context->code);
  if (!records.ok()) return records.status();
  context->records = std::move(*records);
  cache[key] = context;
  return std::shared_ptr<const SafetyContext>(context);
}

}  // namespace gpaikit::cli
