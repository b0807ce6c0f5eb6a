// libFuzzer target: reading corpus statistics (gpaikit.corpus-stats/1) for the training-content
// summary must never crash, whatever the bytes; a parsed document must also feed the domain rule.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpaikit/docs/training_summary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gpaikit::Result<gpaikit::docs::CorpusStats> stats =
      gpaikit::docs::ParseCorpusStats(text, "fuzz.json");
  if (stats.ok()) {
    gpaikit::law::summary::TopDomainRule rule;
    rule.share = 0.1;
    rule.sme_share = 0.05;
    rule.sme_cap = 1000;
    (void)gpaikit::docs::SelectTopDomains(*stats, rule, false);
    (void)gpaikit::docs::SelectTopDomains(*stats, rule, true);
  }
  return 0;
}
