// What the ledger holds for one model that the Transparency measures need (Code of Practice,
// Transparency, Measures 1.1-1.2): written by docs, which reads the ledger's entries, and read by
// assess, which does not.
#ifndef GPAIKIT_STORE_LEDGER_FACTS_H_
#define GPAIKIT_STORE_LEDGER_FACTS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace gpaikit::store {

struct LedgerFacts {
  bool present = false;   // the ledger exists
  bool verified = false;  // its hash chain verifies
  std::string problem;    // why not, when it does not
  int64_t entries = 0;
  std::vector<std::string> versions;  // "version 2 published 2026-05-28T10:00:00Z"
  int requests = 0;
  int requests_overdue = 0;
};

}  // namespace gpaikit::store

#endif  // GPAIKIT_STORE_LEDGER_FACTS_H_
