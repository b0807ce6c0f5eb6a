// --format/--json/--out for every printing subcommand, and writing the result with error checks.
#include "cli/output_options.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

constexpr Format kAllFormats[] = {Format::kText, Format::kJson, Format::kMarkdown,
                                  Format::kHtml, Format::kDocx, Format::kPdf};

std::string Names(const std::vector<Format>& formats) {
  std::string out;
  for (size_t i = 0; i < formats.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ");
    out += FormatName(formats[i]);
  }
  return out;
}

std::optional<Format> Parse(std::string_view name) {
  for (Format format : kAllFormats) {
    if (FormatName(format) == name) return format;
  }
  return std::nullopt;
}

bool Can(const std::vector<Format>& formats, Format format) {
  return std::find(formats.begin(), formats.end(), format) != formats.end();
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kJson:
      return "json";
    case Format::kMarkdown:
      return "md";
    case Format::kHtml:
      return "html";
    case Format::kDocx:
      return "docx";
    case Format::kPdf:
      return "pdf";
  }
  return "text";
}

std::string_view FormatExtension(Format format) {
  return format == Format::kText ? "txt" : FormatName(format);
}

Result<Format> OutputOptions::Chosen() const {
  std::optional<Format> given = format.empty() ? std::nullopt : Parse(format);
  if (json) {
    if (given && *given != Format::kJson) {
      return Status::InvalidInput("--json and --format " + format + " contradict each other");
    }
    return Format::kJson;
  }
  if (given) return *given;
  if (out_kind == OutKind::kFile && !out.empty()) {
    std::string extension = std::filesystem::path(out).extension().string();
    if (extension == ".htm") extension = ".html";
    std::optional<Format> by_name = extension.empty() ? std::nullopt : Parse(extension.substr(1));
    if (by_name && Can(formats, *by_name)) return *by_name;
  }
  return formats.front();
}

Result<std::vector<Format>> OutputOptions::ChosenAll() const {
  if (ToFolder() && format.empty() && !json) {
    std::vector<Format> files;
    for (Format each : formats) {
      if (each != Format::kText && each != Format::kDocx && each != Format::kPdf) {
        files.push_back(each);
      }
    }
    return files;
  }
  Result<Format> one = Chosen();
  if (!one.ok()) return one.status();
  return std::vector<Format>{*one};
}

void AddOutputOptions(CLI::App* command, OutputOptions& options, std::vector<Format> formats,
                      OutKind out_kind, const std::string& out_help) {
  options.formats = formats;
  options.out_kind = out_kind;
  std::string names = Names(formats);
  std::string where = command->get_parent() && command->get_parent()->get_parent()
                          ? command->get_parent()->get_name() + " " + command->get_name()
                          : command->get_name();
  command
      ->add_option(
          "--format", options.format,
          "Output format: " + names + " (default " + std::string(FormatName(formats.front())) + ")")
      ->check(CLI::Validator(
          [formats, names, where](std::string& value) -> std::string {
            std::optional<Format> format = Parse(value);
            if (format && Can(formats, *format)) return "";
            return "'" + value + "': gpaikit " + where + " can write " + names;
          },
          "FORMAT"));
  if (Can(formats, Format::kJson)) {
    command->add_flag("--json", options.json, "Same as --format json");
  }
  std::string what = out_kind == OutKind::kFile
                         ? "Write the result to this file instead of stdout (format from "
                           "--format, else the file's extension): "
                         : "Write the files into this folder (every format unless --format is "
                           "given), nothing on stdout: ";
  command->add_option("--out", options.out, what + out_help);
  if (Can(formats, Format::kHtml) || Can(formats, Format::kDocx) || Can(formats, Format::kPdf)) {
    command->add_option("--templates", options.templates,
                        "Folder of the HTML report templates, a provider's branded copy of the "
                        "installed data/report/templates (docs/reports.md)");
  }
}

Status FlushStdout() {
  errno = 0;
  std::cout.flush();
  if (std::cout && std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return Status::Ok();
  return Status::Internal(std::string("stdout: write failed: ") +
                          (errno != 0 ? std::strerror(errno) : "the stream reported an error"));
}

Status Emit(const OutputOptions& options, std::string_view text) {
  if (options.out.empty()) {
    Result<Format> format = options.Chosen();
    bool binary = format.ok() && (*format == Format::kDocx || *format == Format::kPdf);
    if (binary && isatty(STDOUT_FILENO) != 0) {
      std::string extension(FormatExtension(*format));
      std::string message = "--format ";
      message.append(extension).append(
          " is a binary file: not written to a terminal; give --out FOLDER or redirect stdout (> "
          "file.");
      return Status::InvalidInput(message.append(extension).append(")"));
    }
    std::cout << text;
    return FlushStdout();
  }
  return WriteOutputFile(options.out, text);
}

Status EmitTextOrJson(const OutputOptions& options, std::string_view text,
                      const nlohmann::json& json) {
  Result<Format> format = options.Chosen();
  if (!format.ok()) return format.status();
  if (*format == Format::kJson) return Emit(options, json.dump(2) + "\n");
  return Emit(options, text);
}

Result<std::string> RenderReport(const report::Document& document, const nlohmann::json& json,
                                 Format format, bool colour,
                                 const std::filesystem::path& templates) {
  switch (format) {
    case Format::kJson:
      return json.dump(2) + "\n";
    case Format::kMarkdown:
      return report::RenderMarkdown(document);
    case Format::kHtml:
      return report::RenderHtml(document, templates);
    case Format::kText:
    case Format::kDocx:
    case Format::kPdf:
      break;
  }
  return report::RenderTerminal(document, colour);
}

Status WriteOutputFile(const std::filesystem::path& path, std::string_view text) {
  // An output that cannot be written (a full disk, no permission) is an environment error, not
  // bad input: exit 70 (DESIGN.md "Interfaces"), the message naming the file.
  Status written = WriteFile(path, text);
  if (!written.ok()) return Status::Internal(written.message());
  std::cerr << "gpaikit: wrote " << path.string() << "\n";
  return Status::Ok();
}

Status WriteOutputFileIn(const std::filesystem::path& folder, const std::string& name,
                         std::string_view text) {
  Result<std::filesystem::path> path = PathInside(folder, name, "--out file name");
  if (!path.ok()) return path.status();
  return WriteOutputFile(*path, text);
}

}  // namespace gpaikit::cli
