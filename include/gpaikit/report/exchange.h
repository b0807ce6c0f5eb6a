// DOCX and PDF exports of a report, laid out like the Commission's Word forms, with a footer on
// every page (docs/exchange.md): pandoc with data/exchange/reference.docx, WeasyPrint with
// data/exchange/print.css.
#ifndef GPAIKIT_REPORT_EXCHANGE_H_
#define GPAIKIT_REPORT_EXCHANGE_H_

#include <filesystem>
#include <string>

#include "gpaikit/base/status.h"
#include "gpaikit/report/report.h"

namespace gpaikit::report {

// The placeholder in the reference document's footer part that RenderDocx replaces.
inline constexpr const char* kFooterPlaceholder = "GPAIKIT-PAGE-FOOTER";

// `document_date` (YYYY-MM-DD, the document's own date) is the creation date the file carries
// (SOURCE_DATE_EPOCH for pandoc and WeasyPrint, midnight UTC), so that the same document gives the
// same bytes; when it is not a date, the tools use the current time.

// The document as DOCX bytes: pandoc converts its print HTML with the reference document's styles,
// page size and footer part, whose placeholder becomes `page_footer`. Internal naming pandoc when
// it is missing or fails, or the reference document when it lacks the placeholder. The print HTML
// comes from the report templates in `templates` (empty: the installed ones; RenderPrintHtml).
Result<std::string> RenderDocx(const Document& document, const std::string& page_footer,
                               const std::string& document_date,
                               const std::filesystem::path& templates = {});
// The document as PDF bytes: WeasyPrint with print.css; `page_footer` at the foot of every page.
Result<std::string> RenderPdf(const Document& document, const std::string& page_footer,
                              const std::string& document_date,
                              const std::filesystem::path& templates = {});

}  // namespace gpaikit::report

#endif  // GPAIKIT_REPORT_EXCHANGE_H_
