// /summaries/SEQ/NAME: a published summary version's rendered file from the kept copy, served only
// when its bytes hash to what the ledger recorded (AI Act Art. 53(1)(d); Code of Practice,
// Transparency, Measure 1.3 integrity).
#include "portal/summary_downloads.h"

#include <cstdio>
#include <iostream>
#include <memory>

#include "gpaikit/base/files.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "gpaikit/store/published_files.h"
#include "portal/site_state.h"

namespace gpaikit::portal {
namespace {

// The media type of a rendered file, by its name's ending.
const char* MediaType(std::string_view name) {
  if (name.ends_with(".md")) return "text/markdown; charset=utf-8";
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".json")) return "application/json";
  return "application/octet-stream";
}

}  // namespace

std::string SummaryFileHref(int64_t seq, std::string_view name) {
  std::string href(kSummariesPrefix);
  href.append(std::to_string(seq)).append("/").append(name);
  return href;
}

std::string FileSizeText(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  char text[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return text;
}

Result<std::optional<nlohmann::json>> SummaryVersionContent(const Site::State& state, int64_t seq) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return ledger.status();
  Result<store::Entry> entry = *ledger ? (*ledger)->Get(seq) : Status::NotFound("no ledger");
  if (!entry.ok() || entry->kind != docs::kSummaryVersionKind) {
    if (!entry.ok() && entry.status().code() != StatusCode::kNotFound) return entry.status();
    return std::optional<nlohmann::json>();
  }
  nlohmann::json content = nlohmann::json::parse(entry->content, nullptr, false);
  if (!content.is_object()) {
    return Status::InvalidInput(std::string("ledger entry ")
                                    .append(std::to_string(seq))
                                    .append(": content is not a JSON object"));
  }
  return std::optional<nlohmann::json>(std::move(content));
}

Response SummaryFileDownload(const Site::State& state, int64_t seq, std::string_view name) {
  std::string entry_text = "ledger entry ";
  entry_text.append(std::to_string(seq));
  auto not_found = [&state](const std::string& why) {
    return ErrorPage(state, 404, "Not found", why);
  };
  Result<std::optional<nlohmann::json>> found = SummaryVersionContent(state, seq);
  if (!found.ok()) return InternalError(found.status());
  if (!*found) return not_found("There is no published summary in " + entry_text + ".");
  const nlohmann::json& content = **found;
  // The name is matched exactly against the recorded ones, and must be a plain file name for the
  // Content-Disposition header: nothing of the URL reaches a path.
  const nlohmann::json rendered = content.value("rendered", nlohmann::json::object());
  auto recorded = rendered.is_object() ? rendered.find(std::string(name)) : rendered.end();
  if (recorded == rendered.end() || !recorded->is_string() || !IsPlainFileName(name)) {
    return not_found("The published summary in " + entry_text + " has no file of that name.");
  }
  std::string sha256 = recorded->get<std::string>();
  Result<std::string> bytes = store::ReadPublishedFile(state.project.root, sha256);
  if (!bytes.ok()) {
    if (bytes.status().code() == StatusCode::kNotFound) {
      return not_found("This file of the published summary in " + entry_text +
                       " was not kept when it was published; only its SHA-256 is recorded.");
    }
    std::cerr << "gpaikit serve: " << SummaryFileHref(seq, name) << ": " << bytes.status().message()
              << "\n";
    return ErrorPage(state, 500, "File damaged",
                     "The kept copy of this file does not match the SHA-256 recorded in " +
                         entry_text + ", or cannot be read; it is not served.");
  }
  Response response{200, MediaType(name), std::move(*bytes), {}};
  std::string disposition = "attachment; filename=\"";
  disposition.append(name).append("\"");
  response.headers.emplace_back("Content-Disposition", std::move(disposition));
  std::string etag = "\"";
  etag.append(sha256).append("\"");
  response.headers.emplace_back("ETag", std::move(etag));
  // On top of the site's policy (server.cc adds it to every response): the rendered HTML's own
  // styles stay blocked, and if opened here it runs in a sandbox without the site's origin.
  response.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
  return response;
}

}  // namespace gpaikit::portal
