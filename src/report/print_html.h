// The HTML that DOCX and PDF exports are converted from (template print-document.html): the report
// without inline CSS (the reference document or data/exchange/print.css styles it), its header
// facts as a table.
#ifndef GPAIKIT_REPORT_PRINT_HTML_H_
#define GPAIKIT_REPORT_PRINT_HTML_H_

#include <filesystem>
#include <string>

#include "gpaikit/report/report.h"

namespace gpaikit::report {

// `page_footer`, when not empty, becomes the running element <div class="page-footer"> that
// print.css repeats at the foot of every page. From print-document.html and its partials in
// `templates` (empty: the installed data/report/templates); errors as RenderHtml's.
Result<std::string> RenderPrintHtml(const Document& document, const std::string& page_footer,
                                    const std::filesystem::path& templates = {});

}  // namespace gpaikit::report

#endif  // GPAIKIT_REPORT_PRINT_HTML_H_
