// Reads the `source:` and `verified:` fields every law data entry carries (DESIGN.md "Law as
// data"), and checks the version a data file states.
#ifndef GPAIKIT_LAW_PROVENANCE_READER_H_
#define GPAIKIT_LAW_PROVENANCE_READER_H_

#include <string>
#include <string_view>

#include "base/yaml_reader.h"
#include "gpaikit/law/law.h"

namespace gpaikit::law {

inline Provenance ReadProvenance(MapReader& entry) {
  Provenance provenance;
  provenance.source = entry.String("source", true).value_or("");
  provenance.verified =
      entry.Choice("verified", {"primary", "secondary", "unverified"}, true).value_or("");
  return provenance;
}

// Checks the version a data file states under `key` against the one its file name gives
// (`named`): a mismatch is an error at the value's line:column.
inline void CheckStatedVersion(MapReader& reader, Diagnostics& diagnostics, std::string_view key,
                               const std::string& stated, const std::string& named) {
  if (stated == named) return;
  diagnostics.Error(reader.MarkOf(key), std::string(key) + ": file says '" + stated +
                                            "' but is named for '" + named + "'");
}

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_PROVENANCE_READER_H_
