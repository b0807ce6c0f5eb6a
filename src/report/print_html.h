// The HTML that DOCX and PDF exports are converted from: the report without inline CSS (the
// reference document or data/exchange/print.css styles it), its header facts as a table.
#ifndef GPAIKIT_REPORT_PRINT_HTML_H_
#define GPAIKIT_REPORT_PRINT_HTML_H_

#include <string>

#include "gpaikit/report/report.h"

namespace gpaikit::report {

// `page_footer`, when not empty, becomes the running element <div class="page-footer"> that
// print.css repeats at the foot of every page.
std::string RenderPrintHtml(const Document& document, const std::string& page_footer);

}  // namespace gpaikit::report

#endif  // GPAIKIT_REPORT_PRINT_HTML_H_
