// DOCX through pandoc (its footer placeholder replaced in the zip with libzip) and PDF through
// WeasyPrint, both from the report's print HTML (docs/exchange.md).
#include "gpaikit/report/exchange.h"

#include <zip.h>

#include <memory>
#include <optional>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/external_tool.h"
#include "gpaikit/base/files.h"
#include "report/print_html.h"

namespace gpaikit::report {
namespace {

constexpr const char* kFooterPart = "word/footer1.xml";

struct ArchiveDiscarder {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct SourceReleaser {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

Status ZipError(const std::string& what, zip_error_t* error) {
  return Status::Internal("DOCX from pandoc: " + what + ": " + zip_error_strerror(error));
}

// A zip archive on an in-memory buffer source, with a reference of its own to that source so that
// what zip_close wrote can be read back. Members in this order: the archive is discarded first.
struct MemoryArchive {
  std::unique_ptr<zip_source_t, SourceReleaser> source;
  std::unique_ptr<zip_t, ArchiveDiscarder> archive;
};

// `data` (not copied: it must outlive the archive) opened with `flags` (ZIP_RDONLY to read,
// ZIP_TRUNCATE with no data to write a new archive).
Result<MemoryArchive> OpenInMemory(const void* data, size_t size, int flags) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(data, size, 0, &error);
  if (!source) return ZipError("cannot open a buffer", &error);
  zip_t* archive = zip_open_from_source(source, flags, &error);
  if (!archive) {
    zip_source_free(source);  // not taken by the archive
    return ZipError("not a zip archive", &error);
  }
  zip_source_keep(source);
  MemoryArchive out;
  out.source.reset(source);
  out.archive.reset(archive);
  return out;
}

// The bytes of entry `index`, or "" when it cannot be read.
std::string ReadEntry(zip_t* archive, zip_int64_t index) {
  zip_stat_t stat;
  if (index < 0 || zip_stat_index(archive, index, 0, &stat) != 0) return "";
  zip_file_t* file = zip_fopen_index(archive, index, 0);
  if (!file) return "";
  std::string part(stat.size, '\0');
  zip_int64_t got = zip_fread(file, part.data(), stat.size);
  zip_fclose(file);
  return got == static_cast<zip_int64_t>(stat.size) ? part : "";
}

// The DOCX `docx` with the footer placeholder of its footer part replaced by `footer`
// (XML-escaped). A new archive is written entry by entry, in the same order, rather than the
// input rewritten in place: libzip 1.7's buffer source frees the caller's buffer when an archive
// on it is rewritten.
Result<std::string> WithFooter(const std::string& docx, const std::string& footer,
                               const std::string& reference) {
  Result<MemoryArchive> input = OpenInMemory(docx.data(), docx.size(), ZIP_RDONLY);
  if (!input.ok()) return input.status();
  zip_t* in = input->archive.get();
  zip_int64_t footer_index = zip_name_locate(in, kFooterPart, 0);
  std::string part = ReadEntry(in, footer_index);
  size_t at = part.find(kFooterPlaceholder);
  if (at == std::string::npos) {
    return Status::Internal(reference + ": no footer part " + kFooterPart + " with '" +
                            kFooterPlaceholder +
                            "' in the DOCX pandoc wrote: regenerate it with "
                            "scripts/make-reference-docx");
  }
  part.replace(at, std::string_view(kFooterPlaceholder).size(), EscapeHtml(footer));
  Result<MemoryArchive> output = OpenInMemory(nullptr, 0, ZIP_TRUNCATE);
  if (!output.ok()) return output.status();
  zip_t* out = output->archive.get();
  zip_int64_t entries = zip_get_num_entries(in, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(in, i, 0);
    // `part` outlives zip_close, which reads it; libzip does not free it (freep 0).
    zip_source_t* entry = i == footer_index ? zip_source_buffer(out, part.data(), part.size(), 0)
                                            : zip_source_zip(out, in, i, 0, 0, -1);
    if (!name || !entry) return ZipError("cannot copy a part", zip_get_error(out));
    zip_int64_t added = zip_file_add(out, name, entry, ZIP_FL_ENC_UTF_8);
    if (added < 0) {
      zip_source_free(entry);
      return ZipError(std::string("cannot add ") + name, zip_get_error(out));
    }
    // Every part keeps the time pandoc gave it (the footer part, a new buffer, would be dated
    // now), so that the same document gives the same bytes.
    zip_stat_t stat;
    if (zip_stat_index(in, i, 0, &stat) == 0 && (stat.valid & ZIP_STAT_MTIME)) {
      zip_file_set_mtime(out, static_cast<zip_uint64_t>(added), stat.mtime, 0);
    }
  }
  if (zip_close(out) < 0) return ZipError("cannot write the archive", zip_get_error(out));
  output->archive.release();  // zip_close freed it
  zip_source_t* written = output->source.get();
  if (zip_source_open(written) < 0) return ZipError("cannot read back", zip_source_error(written));
  std::string bytes;
  char buffer[65536];
  zip_int64_t n;
  while ((n = zip_source_read(written, buffer, sizeof buffer)) > 0) bytes.append(buffer, n);
  zip_source_close(written);
  if (n < 0) return ZipError("cannot read back", zip_source_error(written));
  return bytes;
}

// SOURCE_DATE_EPOCH=<midnight UTC of `date`> for the tools, or nothing when `date` is not a date.
std::vector<std::string> DateEnvironment(const std::string& date) {
  std::optional<CivilDate> day = CivilDate::Parse(date);
  if (!day) return {};
  long long seconds = static_cast<long long>(CivilDate(1970, 1, 1).DaysUntil(*day)) * 86400;
  return {"SOURCE_DATE_EPOCH=" + std::to_string(seconds)};
}

}  // namespace

Result<std::string> RenderDocx(const Document& document, const std::string& page_footer,
                               const std::string& document_date,
                               const std::filesystem::path& templates) {
  std::string reference = (DataDir() / "exchange" / "reference.docx").string();
  Result<std::string> html = RenderPrintHtml(document, "", templates);
  if (!html.ok()) return html.status();
  Result<ToolOutput> converted =
      RunTool({"pandoc", "--from=html", "--to=docx", "--reference-doc=" + reference, "--output=-"},
              *html, "Debian's pandoc", DateEnvironment(document_date));
  if (!converted.ok()) return converted.status();
  return WithFooter(converted->stdout_text, page_footer, reference);
}

Result<std::string> RenderPdf(const Document& document, const std::string& page_footer,
                              const std::string& document_date,
                              const std::filesystem::path& templates) {
  std::string stylesheet = (DataDir() / "exchange" / "print.css").string();
  Result<std::string> html = RenderPrintHtml(document, page_footer, templates);
  if (!html.ok()) return html.status();
  Result<ToolOutput> converted =
      RunTool({"weasyprint", "--quiet", "--stylesheet", stylesheet, "-", "-"}, *html,
              "Debian's weasyprint", DateEnvironment(document_date));
  if (!converted.ok()) return converted.status();
  return std::move(converted->stdout_text);
}

}  // namespace gpaikit::report
