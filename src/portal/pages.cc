// The portal's HTML pages: home, crawlers and published summaries, rendered from the template
// files with every value escaped (Code of Practice, Copyright, Measures 1.3 and 1.5; AI Act
// Art. 53(1)(d)).
#include <map>
#include <memory>
#include <optional>

#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/base/text.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/ledger.h"
#include "gpaikit/store/published_files.h"
#include "portal/crawler_history.h"
#include "portal/site_state.h"
#include "portal/summary_downloads.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

using kainjow::mustache::list;

// The field-level changes shown per summary version; the rest is counted.
constexpr size_t kShownChanges = 40;
// A changed list or long text is shortened on the page; the JSON documents hold it in full.
constexpr size_t kChangeBytes = 400;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

Response TemplatePage(const Site::State& state, int status, const std::string& name, Data data) {
  Result<std::string> body = state.templates.Render(name, std::move(data));
  if (!body.ok()) return InternalError(body.status());
  return {status, kHtml, std::move(*body), {}};
}

std::string ContactHref(const std::string& contact) {
  for (char c : contact) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == '\'') {
      return "";  // not a URI or address as it stands: shown as text only
    }
  }
  if (contact.starts_with("https://") || contact.starts_with("http://") ||
      contact.starts_with("mailto:")) {
    return contact;
  }
  size_t at = contact.find('@');
  if (at != std::string::npos && at > 0) {
    return "mailto:" + contact;
  }
  return "";
}

Data PageData(const Site::State& state, const std::string& title) {
  Data data;
  data.set("title", title);
  data.set("provider", state.project.provider.legal_name);
  data.set("contact", state.project.provider.contact);
  std::string href = ContactHref(state.project.provider.contact);
  if (!href.empty()) data.set("contact_href", href);
  return data;
}

Response HomePage(const Site::State& state) {
  Data data = PageData(state, "Home");
  list models;
  for (const project::Model& model : state.project.models) {
    Data row;
    row.set("id", model.id);
    row.set("name", model.name.empty() ? model.id : model.name);
    row.set("versions", Joined(model.versions));
    models.push_back(row);
  }
  data.set("has_models", !models.empty());
  data.set("models", models);
  list policies;
  for (const Policy& policy : state.policies) {
    Data row;
    row.set("label", policy.label);
    if (!policy.summary.empty()) row.set("summary", policy.summary);
    if (!policy.href.empty()) row.set("href", policy.href);
    policies.push_back(row);
  }
  data.set("policies", policies);
  return TemplatePage(state, 200, "home", std::move(data));
}

Response CrawlersPage(const Site::State& state) {
  Data data = PageData(state, "Crawlers");
  list crawlers;
  for (const Crawler& crawler : state.crawlers.crawlers) {
    Data row;
    row.set("token", crawler.token);
    if (!crawler.url.empty()) row.set("url", crawler.url);
    if (!crawler.purpose.empty()) row.set("purpose", crawler.purpose);
    row.set("models", Joined(crawler.models));
    if (!crawler.behaviour.empty()) row.set("behaviour", Joined(crawler.behaviour));
    list ranges;
    for (const std::string& range : crawler.ip_ranges) ranges.push_back(Data(range));
    row.set("has_ranges", !ranges.empty());
    row.set("ip_ranges", ranges);
    crawlers.push_back(row);
  }
  data.set("crawlers", crawlers);
  list honours;
  for (const Honoured& h : HonouredReservations()) {
    Data row;
    row.set("name", h.name);
    row.set("standard", h.standard);
    row.set("what", h.what);
    honours.push_back(row);
  }
  data.set("honours", honours);
  data.set("updated", state.crawlers_time);
  data.set("sha256", state.crawlers.sha256);
  list history;  // the recorded versions, newest first (Copyright, Measure 1.3)
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return InternalError(ledger.status());
  if (*ledger) {
    Result<std::vector<CrawlerVersion>> versions = CrawlerVersions(**ledger);
    if (!versions.ok()) return InternalError(versions.status());
    for (size_t i = versions->size(); i-- > 0;) {
      const CrawlerVersion& version = (*versions)[i];
      Data row;
      row.set("number", std::to_string(i + 1));
      row.set("seq", std::to_string(version.seq));
      row.set("time", version.time);
      row.set("sha256", version.sha256);
      history.push_back(row);
    }
  }
  data.set("has_history", !history.empty());
  data.set("history", history);
  return TemplatePage(state, 200, "crawlers", std::move(data));
}

std::string SummaryDocument(const nlohmann::json& content) {
  return content.value("documentation", nlohmann::json::object()).dump(2) + "\n";
}

Response SummariesPage(const Site::State& state) {
  Data data = PageData(state, "Training-content summaries");
  list versions;
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::OpenIfPresent(state.project.root);
  if (!ledger.ok()) return InternalError(ledger.status());
  if (*ledger) {
    Result<std::vector<docs::PublishedVersion>> published =
        docs::PublishedVersions(**ledger, "", docs::kSummaryVersionKind);
    if (!published.ok()) return InternalError(published.status());
    // Each model's previous version, for the link and the field-level changes.
    std::map<std::string, const docs::PublishedVersion*> previous;
    for (const docs::PublishedVersion& version : *published) {
      Data row;
      row.set("model", version.model);
      row.set("number", std::to_string(version.number));
      row.set("anchor", version.model + "-v" + std::to_string(version.number));
      row.set("time", version.time);
      row.set("seq", std::to_string(version.seq));
      Result<store::Entry> entry = (*ledger)->Get(version.seq);
      row.set("entry_hash", entry.ok() ? entry->hash : "");
      row.set("note", version.note);
      row.set("json_sha256", Sha256Hex(SummaryDocument(version.content)));
      list files;
      const nlohmann::json& rendered = version.content.value("rendered", nlohmann::json::object());
      for (auto it = rendered.begin(); it != rendered.end(); ++it) {
        Data file;
        std::string sha256 = it.value().is_string() ? it.value().get<std::string>() : "";
        file.set("name", it.key());
        file.set("sha256", sha256);
        // A link where the file was kept at publish time (summary_downloads.h), else the hash only.
        Result<std::optional<uint64_t>> size = std::optional<uint64_t>();
        if (IsPlainFileName(it.key())) size = store::KeptFileSize(state.project.root, sha256);
        if (!size.ok()) return InternalError(size.status());
        if (size->has_value()) {
          file.set("href", SummaryFileHref(version.seq, it.key()));
          file.set("size", FileSizeText(**size));
        }
        files.push_back(file);
      }
      row.set("files", files);
      const docs::PublishedVersion*& before = previous[version.model];
      if (before) {
        Data link;
        link.set("anchor", before->model + "-v" + std::to_string(before->number));
        link.set("number", std::to_string(before->number));
        row.set("previous", link);
        list changes;
        std::vector<std::string> lines =
            docs::DiffJson(before->content.value("documentation", nlohmann::json::object()),
                           version.content.value("documentation", nlohmann::json::object()));
        for (size_t i = 0; i < lines.size() && i < kShownChanges; ++i) {
          changes.push_back(Data(Abbreviated(lines[i], kChangeBytes)));
        }
        if (lines.size() > kShownChanges) {
          changes.push_back(Data("... and " + std::to_string(lines.size() - kShownChanges) +
                                 " more changed fields (compare the two JSON documents)"));
        }
        row.set("has_changes", !lines.empty());
        row.set("changes", changes);
        row.set("unchanged", lines.empty());
      }
      before = &version;
      versions.push_back(row);
    }
    Result<store::Head> head = (*ledger)->CurrentHead();
    if (head.ok()) {
      Data head_data;
      head_data.set("seq", std::to_string(head->seq));
      head_data.set("hash", head->hash);
      data.set("head", head_data);
    }
  }
  data.set("has_versions", !versions.empty());
  data.set("versions", versions);
  return TemplatePage(state, 200, "summaries", std::move(data));
}

Response SummaryVersionJson(const Site::State& state, int64_t seq) {
  Result<std::optional<nlohmann::json>> content = SummaryVersionContent(state, seq);
  if (!content.ok()) return InternalError(content.status());
  if (!*content) {
    return ErrorPage(state, 404, "Not found",
                     "There is no published summary in ledger entry " + std::to_string(seq) + ".");
  }
  return {200, "application/json", SummaryDocument(**content), {}};
}

}  // namespace gpaikit::portal
