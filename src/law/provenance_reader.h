// Reads the `source:` and `verified:` fields every law data entry carries (DESIGN.md "Law as
// data").
#ifndef GPAIKIT_LAW_PROVENANCE_READER_H_
#define GPAIKIT_LAW_PROVENANCE_READER_H_

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

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_PROVENANCE_READER_H_
