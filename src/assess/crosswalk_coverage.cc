// How far a model's gap assessment against the Code of Practice covers another framework's items,
// through the crosswalk's measure-to-item mappings (docs/crosswalks.md "Coverage").
#include <algorithm>

#include "gpaikit/assess/crosswalk.h"

namespace gpaikit::assess {
namespace {

// True when `item` is `ancestor` or lies below it.
bool WithinItem(const Crosswalk& crosswalk, const CrosswalkItem* item,
                const std::string& ancestor) {
  while (item) {
    if (item->id == ancestor) return true;
    item = item->parent.empty() ? nullptr : crosswalk.FindItem(item->parent);
  }
  return false;
}

bool MapsInto(const Crosswalk& crosswalk, const CrosswalkMapping& mapping,
              const std::string& item) {
  return std::any_of(mapping.items.begin(), mapping.items.end(), [&](const std::string& id) {
    return WithinItem(crosswalk, crosswalk.FindItem(id), item);
  });
}

Coverage Classify(const std::vector<const MeasureAssessment*>& measures) {
  if (measures.empty()) return Coverage::kNoMapping;
  int applicable = 0, met = 0, missing = 0;
  for (const MeasureAssessment* m : measures) {
    if (m->status == MeasureStatus::kNotApplicable) continue;
    ++applicable;
    met += m->status == MeasureStatus::kMet;
    missing += m->status == MeasureStatus::kMissing;
  }
  if (applicable == 0) return Coverage::kNotApplicable;
  if (met == applicable) return Coverage::kCovered;
  if (missing == applicable) return Coverage::kNotCovered;
  return Coverage::kPartly;
}

}  // namespace

const char* CoverageName(Coverage coverage) {
  switch (coverage) {
    case Coverage::kCovered:
      return "covered";
    case Coverage::kPartly:
      return "partly";
    case Coverage::kNotCovered:
      return "not-covered";
    case Coverage::kNotApplicable:
      return "not-applicable";
    case Coverage::kNoMapping:
      return "no-mapping";
  }
  return "no-mapping";
}

CrosswalkCoverage CoverCrosswalk(const Crosswalk& crosswalk, const ModelGapAssessment& gaps) {
  CrosswalkCoverage out;
  out.crosswalk = &crosswalk;
  for (const CrosswalkItem& item : crosswalk.items) {
    ItemCoverage entry;
    entry.item = &item;
    for (const MeasureAssessment& m : gaps.measures) {
      const CrosswalkMapping* mapping = crosswalk.FindMapping(m.measure->id);
      if (mapping && MapsInto(crosswalk, *mapping, item.id)) entry.measures.push_back(&m);
    }
    entry.coverage = Classify(entry.measures);
    switch (entry.coverage) {
      case Coverage::kCovered:
        ++out.covered;
        break;
      case Coverage::kPartly:
        ++out.partly;
        break;
      case Coverage::kNotCovered:
        ++out.not_covered;
        break;
      case Coverage::kNotApplicable:
        ++out.not_applicable;
        break;
      case Coverage::kNoMapping:
        ++out.no_mapping;
        break;
    }
    out.items.push_back(std::move(entry));
  }
  return out;
}

}  // namespace gpaikit::assess
