// ScanFiles: each file through its reader into CorpusStats, every problem recorded with file and
// offset (DESIGN.md "Inputs, and what bad input gets": count, report, go on unless --strict).
#include "gpaikit/corpus/scanner.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <set>

#include "gpaikit/base/files.h"
#include "gpaikit/corpus/audit.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::corpus {
namespace {

constexpr uint64_t kProgressEvery = 8 << 20;

bool Hidden(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

Status DomainResolver::Resolve(std::string_view url, std::string* note) {
  auto parsed = optout::ParseUrl(url);
  std::string encoded;
  if (!parsed.ok() && url.find(' ') != std::string_view::npos) {
    for (char c : url) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
    parsed = optout::ParseUrl(encoded);
    if (parsed.ok() && note != nullptr) *note = "URL contains spaces; read them as %20";
  }
  if (!parsed.ok())
    return Status::InvalidInput("URL '" + std::string(url) + "': " + parsed.status().message());
  std::string_view raw_host = parsed->host;
  if (raw_host.empty()) {
    return Status::InvalidInput("URL '" + std::string(url) + "' has no host");
  }
  if (raw_host == current_->raw_host) return Status::Ok();  // same host as the previous record
  Cached& slot = cache_[std::hash<std::string_view>()(raw_host) % kCacheSlots];
  if (slot.raw_host == raw_host) {
    current_ = &slot;
    return Status::Ok();
  }
  auto host = optout::NormalizeHost(raw_host);
  if (!host.ok())
    return Status::InvalidInput("URL '" + std::string(url) + "': " + host.status().message());
  slot.host = std::move(host.value());
  slot.domain = suffixes_->RegistrableDomain(slot.host);
  if (slot.domain.empty()) slot.domain = slot.host;
  slot.raw_host.assign(raw_host);
  slot.hint = DomainHint();
  current_ = &slot;
  return Status::Ok();
}

Result<std::vector<std::filesystem::path>> ExpandInputs(
    const std::vector<std::filesystem::path>& paths, std::vector<CorpusError>* skipped,
    const std::vector<std::filesystem::path>& exclude, std::vector<PassedOver>* not_corpus) {
  namespace fs = std::filesystem;
  std::set<std::string> files;  // by path string: merge orders files and errors the same way
  std::vector<CorpusError> passed_over;
  std::vector<fs::path> excluded;
  for (const fs::path& path : exclude) {
    std::error_code ignored;
    excluded.push_back(fs::weakly_canonical(path, ignored));
  }
  std::vector<PassedOver> left_out;
  // False (and listed) for the scan's own output, and in a folder for a file that is not a
  // corpus file.
  auto wanted = [&](const fs::path& path, bool in_folder) {
    std::error_code ignored;
    fs::path canonical = fs::weakly_canonical(path, ignored);
    if (std::find(excluded.begin(), excluded.end(), canonical) != excluded.end()) {
      left_out.push_back({path, "the scan's own output (--out)", false});
      return false;
    }
    if (!in_folder) return true;
    CorpusFileCheck check = CheckCorpusFile(path);
    if (!check.corpus) left_out.push_back({path, check.why_not, check.filter_manifest});
    return check.corpus;
  };
  for (const fs::path& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      auto options = fs::directory_options::skip_permission_denied;
      for (auto it = fs::recursive_directory_iterator(path, options, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        const fs::directory_entry& entry = *it;
        std::error_code type_error, ignored;
        fs::file_status target = entry.status(type_error);  // follows links
        if (Hidden(entry.path())) {
          if (target.type() == fs::file_type::directory) it.disable_recursion_pending();
          continue;
        }
        if (target.type() == fs::file_type::regular) {
          if (wanted(entry.path(), true)) files.insert(entry.path().string());
          continue;
        }
        bool link = entry.is_symlink(ignored);
        if (target.type() == fs::file_type::directory && !link) continue;  // recursed into
        std::string why = target.type() == fs::file_type::directory
                              ? "a link to a folder (links to folders are not followed)"
                          : type_error.value() == ELOOP ? "a loop of symbolic links"
                          : link && target.type() == fs::file_type::not_found
                              ? "a symbolic link to nothing"
                          : type_error ? "cannot tell what it is: " + type_error.message()
                                       : "not a regular file (" + FileTypeName(target.type()) + ")";
        passed_over.push_back({entry.path().string(), 0, 0, "skipped: " + why});
      }
      if (error) return Status::Io(path.string() + ": cannot list: " + error.message());
    } else if (fs::is_regular_file(path, error)) {
      if (wanted(path, false)) files.insert(path.string());
    } else if (Status regular = CheckRegularFile(path); regular.code() == StatusCode::kNotFound) {
      return Status::NotFound(path.string() + ": no such file or folder");
    } else {
      return regular;  // says what it is instead (a named pipe, a device, ...)
    }
  }
  std::sort(passed_over.begin(), passed_over.end(),
            [](const CorpusError& a, const CorpusError& b) { return a.file < b.file; });
  if (skipped != nullptr) *skipped = std::move(passed_over);
  std::sort(left_out.begin(), left_out.end(),
            [](const PassedOver& a, const PassedOver& b) { return a.path < b.path; });
  if (not_corpus != nullptr) *not_corpus = std::move(left_out);
  return std::vector<fs::path>(files.begin(), files.end());
}

std::vector<std::filesystem::path> SelectShard(const std::vector<std::filesystem::path>& files,
                                               size_t index, size_t count) {
  std::vector<std::filesystem::path> out;
  for (size_t k = 0; k < files.size(); ++k) {
    if (count == 0 || k % count == index) out.push_back(files[k]);
  }
  return out;
}

Status ParseShard(std::string_view text, size_t* index, size_t* count) {
  size_t slash = text.find('/');
  auto number = [](std::string_view s, size_t* out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  if (slash == std::string_view::npos || !number(text.substr(0, slash), index) ||
      !number(text.substr(slash + 1), count) || *count == 0 || *index >= *count) {
    return Status::InvalidInput("--shard '" + std::string(text) +
                                "': expected I/N with 0 <= I < N, e.g. 0/4");
  }
  return Status::Ok();
}

Result<CorpusStats> ScanFiles(const std::vector<std::filesystem::path>& files,
                              const ScanOptions& options) {
  if (options.suffixes == nullptr) return Status::Internal("ScanFiles: no public suffix list");
  CorpusStats stats;
  stats.bytes_per_token = options.bytes_per_token;
  stats.max_errors = options.max_errors;
  stats.domains.set_max_domains(options.max_domains);
  stats.psl_version = options.suffixes->info().Describe();
  stats.audited = options.auditor != nullptr;
  DomainResolver resolver(options.suffixes);
  uint64_t done_before = 0, last_progress = 0;
  Record record;
  for (const std::filesystem::path& path : files) {
    const std::string file = path.string();
    auto stream = InputStream::Open(path, options.gzip);
    if (!stream.ok()) {
      stats.AddError(FileError(file, stream.status()));
      if (options.strict) return stats;
      continue;
    }
    InputStream& in = **stream;
    FileStats file_stats{file, "", std::string(CompressionName(in.compression())), in.source_size(),
                         0,    0};
    auto reader = OpenReader(&in, options.reader);
    if (!reader.ok()) {
      stats.AddError(FileError(file, reader.status()));
      // A first member or frame that failed before giving any byte: its records are lost.
      if (!in.error().message.empty()) ++stats.skipped_records;
      stats.files.push_back(file_stats);
      if (options.strict) return stats;
      done_before += in.source_size();
      continue;
    }
    file_stats.format = std::string(FormatName((*reader)->format()));
    size_t errors_before = stats.errors.size();
    // A problem at decoded offset `offset`, with the compressed member holding it when known.
    auto report = [&](uint64_t offset, uint64_t line, std::string message) {
      int64_t member = in.MemberOffset(offset);
      if (member >= 0 && in.compression() != Compression::kNone) {
        message += " (" + std::string(CompressionName(in.compression())) + " member at byte " +
                   std::to_string(member) + ")";
      }
      stats.AddError({file, offset, line, std::move(message)});
    };
    while (true) {
      RecordReader::Step step = (*reader)->Next(&record);
      if (step == RecordReader::Step::kEnd) break;
      if (step == RecordReader::Step::kIssue) {
        const ReadIssue& issue = (*reader)->issue();
        report(issue.offset, issue.line, issue.message);
        if ((*reader)->issue_skipped_record()) ++stats.skipped_records;
        if (options.strict) return stats;
        continue;
      }
      if (!record.is_document) {
        ++stats.other_records[record.warc_type.empty() ? std::string("(no WARC-Type)")
                                                       : std::string(record.warc_type)];
        if (!record.note.empty()) {
          report(record.offset, record.line, record.note + " (record counted among other records)");
          if (options.strict) return stats;
        }
        continue;
      }
      std::string domain_note;
      std::string_view domain, host;
      if (!record.url.empty()) {
        Status resolved = resolver.Resolve(record.url, &domain_note);
        if (!resolved.ok()) {
          report(record.offset, record.line, resolved.message());
          ++stats.skipped_records;
          if (options.strict) return stats;
          continue;
        }
        domain = resolver.domain();
        host = resolver.host();
      }
      if (!record.note.empty() || !domain_note.empty()) {
        std::string note = record.note.empty()   ? domain_note
                           : domain_note.empty() ? record.note
                                                 : record.note + "; " + domain_note;
        report(record.offset, record.line, note + " (record counted)");
        if (options.strict) return stats;
      }
      stats.AddDocument(record, domain, domain.empty() ? nullptr : resolver.hint());
      ++file_stats.records;
      if (options.auditor != nullptr) {
        options.auditor->Count(record, host, &stats);
      }
      if (options.progress &&
          in.compressed_read() + done_before - last_progress >= kProgressEvery) {
        last_progress = in.compressed_read() + done_before;
        options.progress(last_progress);
      }
    }
    // Decoding errors are reported when found, which can be after later records: file order.
    std::stable_sort(
        stats.errors.begin() + static_cast<long>(errors_before), stats.errors.end(),
        [](const CorpusError& a, const CorpusError& b) { return a.offset < b.offset; });
    file_stats.decoded = in.offset() + in.size();
    stats.files.push_back(file_stats);
    done_before += in.source_size();
    if (options.progress) options.progress(done_before);
  }
  return stats;
}

}  // namespace gpaikit::corpus
