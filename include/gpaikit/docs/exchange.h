// The Documentation Form as a report laid out like the Commission's Word form (rows, labels, tick
// boxes in the Form's order), and the footer rule of the DOCX and PDF exports: version, date and
// the SHA-256 of the ledger entry that records this version (docs/exchange.md).
#ifndef GPAIKIT_DOCS_EXCHANGE_H_
#define GPAIKIT_DOCS_EXCHANGE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/docs/docs.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/report/report.h"

namespace gpaikit::docs {

// One audience's Form: the header fields, then per section a table "#", "Field", "Value" and the
// audiences' tick boxes (AIO, NCA, DP); choice and range rows show every option of the Form as a
// tick box (U+2612 ticked, U+2610 not), one a line.
report::Document FormDocument(const ModelDocumentation& documentation, const law::form::Form& form,
                              std::string_view audience);

// The version of `versions` (one kind and subject, oldest first) that records `document`: the
// newest one, when its stored document equals `document`; null otherwise (the document differs
// from what was last published, or nothing was published).
const PublishedVersion* RecordingVersion(const std::vector<PublishedVersion>& versions,
                                         const nlohmann::json& document);

// The page footer: "<what> · version <version> · <date> · ledger entry <seq> SHA-256 <hash>", or
// "... · not recorded in the ledger" when `recorded` is null.
std::string PageFooter(const std::string& what, const std::string& version, const std::string& date,
                       const PublishedVersion* recorded);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_EXCHANGE_H_
