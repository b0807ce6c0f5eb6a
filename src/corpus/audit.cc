// Opt-out audit of corpus records: robots.txt snapshots (RFC 9309) by host and date, in-record
// signals (headers, HTML meta), decided by optout::Decide's audit policy (CoP Copyright 1.3).
#include "gpaikit/corpus/audit.h"

#include <algorithm>

#include "corpus/http.h"
#include "corpus/reader_util.h"
#include "gpaikit/base/input_stream.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::corpus {
namespace {

std::string DateKey(std::string_view date) {
  if (!IsIsoDate(date)) return "";
  std::string key(date.substr(0, 19));
  if (key.size() > 10) key[10] = 'T';
  return key;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsWarcName(std::string_view name) {
  return EndsWith(name, ".warc") || EndsWith(name, ".warc.gz") || EndsWith(name, ".warc.zst");
}

// The entity body of a response, de-chunked into `*out` when chunked (RFC 9112 section 7.1).
std::string BodyOf(const Record& record, std::string_view headers) {
  std::string_view te = HeaderValue(headers, "Transfer-Encoding");
  if (te.find("chunked") == std::string_view::npos) return std::string(record.payload);
  std::string out;
  std::string_view body = record.payload;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) break;
    uint64_t size = 0;
    size_t i = pos;
    for (; i < eol; ++i) {
      char c = LowerAscii(body[i]);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) break;
      size = size * 16 + static_cast<uint64_t>(d);
      if (size > body.size()) break;
    }
    pos = eol + 1;
    if (size == 0 || size > body.size() - pos) break;
    out.append(body.substr(pos, size));
    pos += size;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
  return out;
}

}  // namespace

Result<RobotsSnapshots> RobotsSnapshots::Load(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return Status::NotFound(dir.string() + ": --robots expects a folder of robots.txt files");
  }
  RobotsSnapshots snapshots;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const std::filesystem::path& path : paths) {
    std::string name = path.filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (IsWarcName(name)) {
      Status status = snapshots.AddWarc(path);
      if (!status.ok()) return status;
      continue;
    }
    for (std::string_view suffix : {".robots.txt", ".txt"}) {
      if (EndsWith(name, suffix) && name.size() > suffix.size()) {
        name.resize(name.size() - suffix.size());
        break;
      }
    }
    auto host = optout::NormalizeHost(name);
    if (!host.ok()) {
      return Status::InvalidInput(path.string() + ": file name is not a host name (" +
                                  host.status().message() + ")");
    }
    auto stream = InputStream::Open(path);
    if (!stream.ok()) return stream.status();
    while ((*stream)->More() == InputStream::Fill::kMore) {
    }
    Capture capture;
    capture.location = path.string();
    capture.policy =
        std::make_shared<optout::RobotsPolicy>(optout::RobotsPolicy::Parse((*stream)->view()));
    snapshots.by_host_[*host].push_back(std::move(capture));
    ++snapshots.captures_;
  }
  for (auto& [host, captures] : snapshots.by_host_) {
    std::stable_sort(captures.begin(), captures.end(),
                     [](const Capture& a, const Capture& b) { return a.date < b.date; });
  }
  return snapshots;
}

Status RobotsSnapshots::AddWarc(const std::filesystem::path& path) {
  auto stream = InputStream::Open(path);
  if (!stream.ok()) return stream.status();
  ReaderOptions options;
  auto reader = OpenReader(stream->get(), options);
  if (!reader.ok()) return reader.status();
  Record record;
  while (true) {
    RecordReader::Step step = (*reader)->Next(&record);
    if (step == RecordReader::Step::kEnd) break;
    if (step == RecordReader::Step::kIssue) {
      const ReadIssue& issue = (*reader)->issue();
      return Status::InvalidInput(
          DescribeError({path.string(), issue.offset, issue.line, issue.message}));
    }
    if (record.warc_type != "response" || record.http_headers.data() == nullptr) continue;
    auto url = optout::ParseUrl(record.url);
    if (!url.ok() || url->path != "/robots.txt") continue;
    auto host = optout::NormalizeHost(url->host);
    if (!host.ok()) continue;
    Capture capture;
    std::string_view raw = record.raw;
    size_t status_at = raw.find("\nHTTP/1.");
    if (status_at != std::string_view::npos && status_at + 13 <= raw.size()) {
      capture.status = std::atoi(std::string(raw.substr(status_at + 10, 3)).c_str());
    }
    capture.date = DateKey(record.date);
    capture.location =
        path.string() + " (" + std::string(record.url) + ", " + std::string(record.date) + ")";
    std::string body = BodyOf(record, record.http_headers);
    capture.policy = std::make_shared<optout::RobotsPolicy>(optout::RobotsPolicy::Parse(body));
    by_host_[*host].push_back(std::move(capture));
    ++captures_;
  }
  return Status::Ok();
}

optout::RobotsEvidence RobotsSnapshots::For(std::string_view host, std::string_view date) const {
  optout::RobotsEvidence evidence;
  auto it = by_host_.find(host);
  if (it == by_host_.end()) return evidence;
  std::string key = DateKey(date);
  const Capture* chosen = nullptr;
  for (const Capture& capture : it->second) {
    if (capture.date.empty() || key.empty() || capture.date <= key) chosen = &capture;
  }
  if (chosen == nullptr) return evidence;
  evidence.fetch = optout::ClassifyRobotsFetch(chosen->status, 0);
  evidence.http_status = chosen->status;
  evidence.policy = chosen->policy.get();
  evidence.location = chosen->location;
  evidence.fetched_at = chosen->date;
  return evidence;
}

Result<optout::Decision> Auditor::Decide(const Record& record, std::string_view host) const {
  optout::Evidence evidence;
  if (robots_ != nullptr) evidence.robots = robots_->For(host, record.date);
  ForEachHeader(record.http_headers, [&](std::string_view name, std::string_view value) {
    for (std::string_view wanted :
         {"X-Robots-Tag", "tdm-reservation", "tdm-policy", "Content-Usage", "Content-Signal"}) {
      if (EqualsAscii(name, wanted)) {
        evidence.headers.emplace_back(std::string(name), std::string(value));
      }
    }
  });
  if (StartsWithAscii(record.media_type, "text/html") ||
      StartsWithAscii(record.media_type, "application/xhtml")) {
    evidence.html = record.payload.substr(0, max_html_bytes);
    evidence.html_location = std::string(record.url);
  }
  evidence.is_image = record.modality == Modality::kImage;
  evidence.blocklists = blocklists;
  optout::DecisionOptions options;
  options.policy = optout::DecisionPolicy::kAudit;
  options.agents = agents;
  options.registry = registry_;
  options.suffixes = suffixes_.get();
  return optout::Decide(record.url, evidence, options);
}

void Auditor::Count(const Record& record, std::string_view host, CorpusStats* stats) const {
  auto decision = Decide(record, host);
  std::string verdict =
      decision.ok() ? std::string(optout::VerdictName(decision->verdict)) : std::string("unknown");
  OptoutCounts& v = stats->verdicts[verdict];
  ++v.records;
  v.content_bytes += record.content_bytes;
  if (!decision.ok()) return;
  std::vector<std::string> kinds;
  for (const optout::Signal& signal : decision->signals) {
    if (signal.superseded) continue;
    if (signal.effect != optout::SignalEffect::kReserves &&
        signal.effect != optout::SignalEffect::kBlocks) {
      continue;
    }
    std::string kind(optout::SignalKindName(signal.kind));
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) continue;
    kinds.push_back(kind);
    OptoutCounts& s = stats->signals[kind];
    ++s.records;
    s.content_bytes += record.content_bytes;
  }
}

}  // namespace gpaikit::corpus
