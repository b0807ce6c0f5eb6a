// libFuzzer target for the intake forms' validation: the input split into fields (pairs at 0x1E,
// name and value at 0x1F) checked as a complaint and as a request must give values and errors,
// never a crash; a complaint that passes has only valid works lines and a valid address; the
// input as an upload name and as evidence bytes is judged without a crash, and an accepted name
// holds no path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "portal/intake_form.h"
#include "portal/mail_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::portal;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Fields fields;
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\x1e', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view pair = input.substr(start, end - start);
    size_t split = pair.find('\x1f');
    if (split == std::string_view::npos) {
      fields.emplace_back(std::string(pair), "");
    } else {
      fields.emplace_back(std::string(pair.substr(0, split)), std::string(pair.substr(split + 1)));
    }
    start = end + 1;
  }
  Checked<ComplaintForm> complaint = CheckComplaintForm(fields);
  if (complaint.ok()) {
    if (!IsMailAddress(complaint.form.email)) std::abort();
    for (const std::string& line : complaint.form.work_lines) {
      if (!CheckWork(line).ok()) std::abort();
    }
  }
  for (const FieldError& error : complaint.errors) {
    if (error.field.empty() || error.message.empty()) std::abort();
  }
  (void)CheckRequestForm(fields, {"ex-7b", std::string(input.substr(0, 8))});
  if (CheckUploadName(input).ok() &&
      (input.find('/') != std::string_view::npos || input.find("..") != std::string_view::npos)) {
    std::abort();
  }
  (void)DetectEvidenceType(input);
  return 0;
}
