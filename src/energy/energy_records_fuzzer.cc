// libFuzzer target: the energy records reader must never crash and must report, not drop, every
// line it cannot read; aggregating what it read must not crash either.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/energy/records.h"
#include "gpaikit/energy/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gpaikit::energy::ParsedRecords parsed;
  gpaikit::energy::ParseRecords(text, "fuzz.jsonl", parsed);
  (void)gpaikit::energy::Aggregate(parsed.records);
  return 0;
}
