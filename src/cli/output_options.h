// The one way every printing subcommand takes --format/--json and --out, and writes its result
// (DESIGN.md "Interfaces": text for people, one JSON document with a "schema" key for tools).
#ifndef GPAIKIT_CLI_OUTPUT_OPTIONS_H_
#define GPAIKIT_CLI_OUTPUT_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/report/report.h"

namespace gpaikit::cli {

// kDocx and kPdf are binary documents made by external tools (docs/exchange.md).
enum class Format { kText, kJson, kMarkdown, kHtml, kDocx, kPdf };

// "text", "json", "md", "html", "docx", "pdf": the --format value.
std::string_view FormatName(Format format);
// The file extension without the dot: "txt" for text, else the name.
std::string_view FormatExtension(Format format);

// What --out names for a command: one file (the whole result), or a folder the command writes
// several files into (several formats, models or audiences).
enum class OutKind { kFile, kFolder };

// --format, --json and --out of one (sub)command, with the formats it can produce.
struct OutputOptions {
  std::string format;  // as given; "" when not given
  bool json = false;
  std::string out;
  std::string templates;  // --templates: a branded copy of data/report/templates; "" for those
  std::vector<Format> formats;  // what the command can produce; the first is the default
  OutKind out_kind = OutKind::kFile;

  // The format to produce: --json, else --format, else (for --out FILE) the file's extension when
  // the command can produce it, else the default. InvalidInput when --json and --format disagree.
  Result<Format> Chosen() const;
  // For --out FOLDER commands: the formats to write, every text file format (not text, docx or
  // pdf, which need external tools) the command can produce when --out is given without --format
  // or --json, else the one chosen.
  Result<std::vector<Format>> ChosenAll() const;
  bool ToFolder() const { return out_kind == OutKind::kFolder && !out.empty(); }
};

// Adds --format FORMAT (refusing, with the list, formats the command cannot produce), --json (its
// alias for --format json, when the command can produce JSON) and --out to `command`, bound to
// `options`. `out_help` says what is written there; the help text adds "file" or "folder". A
// command that can write HTML, DOCX or PDF also gets --templates DIR (the report templates).
void AddOutputOptions(CLI::App* command, OutputOptions& options, std::vector<Format> formats,
                      OutKind out_kind, const std::string& out_help);

// Writes a single-file result: to --out (a note "gpaikit: wrote PATH" on stderr, nothing on
// stdout) or to stdout.
Status Emit(const OutputOptions& options, std::string_view text);

// Flushes stdout; Internal (exit 70) naming "stdout" when the bytes could not be written (a full
// disk, a closed pipe). Emit and WriteOutputFile fail the same way for their outputs.
Status FlushStdout();

// For commands that print text or JSON: `json` (with its "schema" key) when that format is
// chosen, else `text`, through Emit. InvalidInput when --json and --format disagree.
Status EmitTextOrJson(const OutputOptions& options, std::string_view text,
                      const nlohmann::json& json);

// A report in `format`: `json` (with its "schema" key) for JSON, else `document` for the
// terminal (colour when `colour`), Markdown or HTML (from the report templates of `templates`,
// empty: the installed ones; InvalidInput naming a template file missing or broken).
Result<std::string> RenderReport(const report::Document& document, const nlohmann::json& json,
                                 Format format, bool colour,
                                 const std::filesystem::path& templates = {});

// Writes one file of a multi-file result and notes it on stderr.
Status WriteOutputFile(const std::filesystem::path& path, std::string_view text);
// Writes file `name` (built from user data such as a model id) of a multi-file result into
// `folder`; InvalidInput when the name would land outside the folder.
Status WriteOutputFileIn(const std::filesystem::path& folder, const std::string& name,
                         std::string_view text);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_OUTPUT_OPTIONS_H_
