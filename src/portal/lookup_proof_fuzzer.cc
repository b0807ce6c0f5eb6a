// libFuzzer target for the domain lookup's parsers: the proof file, TXT records, a DNS answer
// and the domain a requester types (docs/portal.md "Domain lookup").
#include <cstddef>
#include <cstdint>
#include <string>

#include "portal/lookup_fetch.h"
#include "portal/lookup_proof.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::portal;
  static auto suffixes = gpaikit::optout::PublicSuffixList::Load();
  std::string text(reinterpret_cast<const char*>(data), size);
  ProofTokens file = ParseProofFile(text);
  for (const std::string& token : file.tokens) {
    if (token.size() != 64) __builtin_trap();
  }
  ProofTokens records = ParseProofRecords({text, text.substr(0, size / 2)});
  for (const std::string& token : records.tokens) {
    if (token.size() != 64) __builtin_trap();
  }
  auto answer = ParseTxtAnswer(data, size);
  if (answer.ok()) {
    size_t total = 0;
    for (const std::string& record : *answer) total += record.size();
    if (total > size) __builtin_trap();  // the records are inside the message
  }
  if (suffixes.ok()) {
    auto domain = ParseLookupDomain(text, **suffixes);
    if (domain.ok() && (domain->registrable.empty() || domain->host.size() > kMaxDomainLength)) {
      __builtin_trap();
    }
  }
  RefusedAddressText(text, size % 2 == 0);
  return 0;
}
