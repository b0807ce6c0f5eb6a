// FilterFiles: copies records the audit allows, in the input's own format and compression
// (gzip RFC 1952 one member per WARC record, ISO 28500 annex D; zstd RFC 8878), with a manifest,
// written aside and moved into place only when complete.
#include "gpaikit/corpus/filter.h"

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "gpaikit/base/durable_file.h"
#include "gpaikit/base/files.h"
#include "gpaikit/corpus/audit.h"

namespace gpaikit::corpus {
namespace {

// Records between two stop checks: a check costs a call, a record at least a parse.
constexpr uint64_t kRecordsPerStopCheck = 256;

// Flushes `file` to the disk; false on a write error.
bool Sync(std::FILE* file) { return std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0; }

// The folder inside the output folder where a run writes its files until all are complete
// (then Commit moves them over the previous ones); removed, with what it holds, unless committed.
class Staging {
 public:
  explicit Staging(const std::filesystem::path& out_dir)
      : out_dir_(out_dir), dir_(out_dir / ".gpaikit-partial") {}
  ~Staging() {
    std::error_code ignored;
    if (!committed_) std::filesystem::remove_all(dir_, ignored);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  // A fresh folder: what a killed run left there is removed.
  Status Create() {
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
    if (!error) std::filesystem::create_directories(dir_, error);
    if (error) return Status::Io(dir_.string() + ": cannot create: " + error.message());
    return Status::Ok();
  }
  // Where the file that will be `out_dir`/`name` is written.
  std::filesystem::path Path(const std::filesystem::path& name) const { return dir_ / name; }
  // Moves each of `names` (written and synced) into the output folder, then syncs the folder.
  Status Commit(const std::vector<std::filesystem::path>& names) {
    std::error_code error;
    for (const std::filesystem::path& name : names) {
      std::filesystem::rename(dir_ / name, out_dir_ / name, error);
      if (error) return Status::Io((out_dir_ / name).string() + ": " + error.message());
    }
    committed_ = true;
    std::filesystem::remove_all(dir_, error);
    return SyncFolder(out_dir_);
  }

 private:
  std::filesystem::path out_dir_, dir_;
  bool committed_ = false;
};

// A compressed (or plain) output file.
class Output {
 public:
  Output(std::FILE* file, Compression compression) : file_(file), compression_(compression) {
    if (compression_ == Compression::kZstd) zstd_ = ZSTD_createCCtx();
  }
  ~Output() {
    if (zstd_ != nullptr) ZSTD_freeCCtx(zstd_);
    if (file_ != nullptr) std::fclose(file_);
  }
  // Writes `bytes`; with gzip, `member` makes them one complete gzip member.
  bool Write(std::string_view bytes) {
    switch (compression_) {
      case Compression::kNone:
        return std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size();
      case Compression::kGzip:
        if (per_record_members_) return GzipMember(bytes);
        pending_.append(bytes);  // JSONL: members of about 1 MiB
        if (pending_.size() < (size_t{1} << 20)) return true;
        return FlushPending();
      case Compression::kZstd:
        return Zstd(bytes, ZSTD_e_continue);
    }
    return false;
  }
  void set_per_record_members(bool on) { per_record_members_ = on; }
  bool Close() {
    bool ok = compression_ != Compression::kZstd || Zstd({}, ZSTD_e_end);
    ok = FlushPending() && ok;
    ok = Sync(file_) && ok;
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    return ok;
  }

 private:
  bool FlushPending() {
    if (pending_.empty()) return true;
    bool ok = GzipMember(pending_);
    pending_.clear();
    return ok;
  }
  bool GzipMember(std::string_view bytes) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return false;
    }
    buffer_.resize(deflateBound(&z, static_cast<uLong>(bytes.size())) + 64);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    z.avail_out = static_cast<uInt>(buffer_.size());
    int ret = deflate(&z, Z_FINISH);
    size_t n = buffer_.size() - z.avail_out;
    deflateEnd(&z);
    return ret == Z_STREAM_END && std::fwrite(buffer_.data(), 1, n, file_) == n;
  }
  bool Zstd(std::string_view bytes, ZSTD_EndDirective mode) {
    buffer_.resize(ZSTD_CStreamOutSize());
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    while (true) {
      ZSTD_outBuffer out{buffer_.data(), buffer_.size(), 0};
      size_t left = ZSTD_compressStream2(zstd_, &out, &in, mode);
      if (ZSTD_isError(left)) return false;
      if (std::fwrite(buffer_.data(), 1, out.pos, file_) != out.pos) return false;
      if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size) return true;
    }
  }

  std::FILE* file_;
  Compression compression_;
  ZSTD_CCtx* zstd_ = nullptr;
  std::string buffer_, pending_;
  bool per_record_members_ = true;
};

nlohmann::json ManifestLine(const std::string& file, const Record& record,
                            const optout::Decision& decision) {
  nlohmann::json signals = nlohmann::json::array();
  for (const optout::Signal& s : decision.signals) {
    if (s.superseded || (s.effect != optout::SignalEffect::kReserves &&
                         s.effect != optout::SignalEffect::kBlocks)) {
      continue;
    }
    nlohmann::json item = {{"kind", optout::SignalKindName(s.kind)},
                           {"effect", optout::SignalEffectName(s.effect)},
                           {"source", s.source},
                           {"detail", s.detail}};
    if (!s.rule.empty()) item["rule"] = s.rule;
    if (!s.location.empty()) item["location"] = s.location;
    if (s.line != 0) item["line"] = s.line;
    if (!s.agent.empty()) item["agent"] = s.agent;
    signals.push_back(std::move(item));
  }
  nlohmann::json out = {{"file", file},
                        {"offset", record.offset},
                        {"url", std::string(record.url)},
                        {"verdict", optout::VerdictName(decision.verdict)},
                        {"content_bytes", record.content_bytes},
                        {"summary", decision.summary},
                        {"signals", std::move(signals)}};
  if (record.line > 0) out["line"] = record.line;
  return out;
}

}  // namespace

Result<FilterResult> FilterFiles(const std::vector<std::filesystem::path>& files,
                                 const std::filesystem::path& out_dir, const ScanOptions& options,
                                 const StopCheck& stop) {
  if (options.auditor == nullptr || options.suffixes == nullptr) {
    return Status::Internal("FilterFiles: an auditor and a public suffix list are required");
  }
  std::set<std::string> names;
  for (const auto& path : files) {
    if (!names.insert(path.filename().string()).second) {
      return Status::InvalidInput("two inputs are named " + path.filename().string() +
                                  "; filter them into different --out folders");
    }
  }
  // Writing into a folder that holds an input would truncate it while it is read, or overwrite it
  // with the manifest (issue 14): refused before anything is opened for writing.
  for (const auto& path : files) {
    if (LiesInside(path, out_dir)) {
      return Status::InvalidInput("--out " + out_dir.string() + " holds the input " +
                                  path.string() +
                                  ", which filtering would overwrite; choose a folder outside the "
                                  "inputs");
    }
    if (path.filename() == "removed.jsonl") {
      return Status::InvalidInput(path.string() +
                                  ": an input named removed.jsonl would be written over by the "
                                  "manifest; rename it");
    }
  }
  Staging staging(out_dir);
  if (Status created = staging.Create(); !created.ok()) return created;
  FilterResult result;
  result.manifest = out_dir / "removed.jsonl";
  std::vector<std::filesystem::path> written = {result.manifest.filename()};
  std::filesystem::path manifest_path = staging.Path(result.manifest.filename());
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> manifest(std::fopen(manifest_path.c_str(), "w"),
                                                           &std::fclose);
  if (manifest == nullptr) return Status::Io(manifest_path.string() + ": cannot write");
  DomainResolver resolver(options.suffixes);
  Record record;
  uint64_t records = 0;
  auto stopped = [&] {
    result.cancelled = stop && stop();
    return result.cancelled;
  };
  for (const auto& path : files) {
    if (stopped()) return result;
    const std::string file = path.string();
    auto stream = InputStream::Open(path, options.gzip);
    if (!stream.ok()) {  // an input that cannot be read is reported; Io stays for the outputs
      result.errors.push_back(FileError(file, stream.status()));
      continue;
    }
    auto reader = OpenReader(stream->get(), options.reader);
    if (!reader.ok()) {
      result.errors.push_back(FileError(file, reader.status()));
      continue;
    }
    std::filesystem::path out_path = staging.Path(path.filename());
    std::FILE* handle = std::fopen(out_path.c_str(), "wb");
    if (handle == nullptr) return Status::Io(out_path.string() + ": cannot write");
    Output out(handle, (*stream)->compression());
    result.outputs.push_back(out_dir / path.filename());
    written.push_back(path.filename());
    bool jsonl = (*reader)->format() == Format::kJsonl;
    out.set_per_record_members(!jsonl);
    while (true) {
      if (++records % kRecordsPerStopCheck == 0 && stopped()) return result;
      RecordReader::Step step = (*reader)->Next(&record);
      if (step == RecordReader::Step::kEnd) break;
      if (step == RecordReader::Step::kIssue) {
        const ReadIssue& issue = (*reader)->issue();
        result.errors.push_back({file, issue.offset, issue.line, issue.message});
        if ((*reader)->issue_skipped_record()) ++result.skipped_records;
        continue;
      }
      bool keep = true;
      if (record.is_document) {
        Status resolved = record.url.empty() ? Status::Ok() : resolver.Resolve(record.url, nullptr);
        if (!resolved.ok()) {
          result.errors.push_back({file, record.offset, record.line, resolved.message()});
          ++result.skipped_records;
          continue;
        }
        if (!record.url.empty()) {
          auto decision = options.auditor->Decide(record, resolver.host());
          if (decision.ok() && (decision->verdict == optout::Verdict::kReserved ||
                                decision->verdict == optout::Verdict::kBlocked)) {
            keep = false;
            if (decision->verdict == optout::Verdict::kBlocked) ++result.blocked;
            std::string line = ManifestLine(file, record, *decision).dump() + "\n";
            std::fwrite(line.data(), 1, line.size(), manifest.get());
          }
        }
        (keep ? result.kept : result.removed) += 1;
        (keep ? result.kept_bytes : result.removed_bytes) += record.content_bytes;
      } else {
        ++result.other_records;
      }
      if (!keep) continue;
      bool ok = out.Write(record.raw);
      if (ok && jsonl && (record.raw.empty() || record.raw.back() != '\n')) ok = out.Write("\n");
      if (!ok) return Status::Io(out_path.string() + ": write failed");
    }
    if (!out.Close()) return Status::Io(out_path.string() + ": write failed");
  }
  if (!Sync(manifest.get()) || std::ferror(manifest.get()) != 0) {
    return Status::Io(manifest_path.string() + ": write failed");
  }
  manifest.reset();
  if (stopped()) return result;
  if (Status committed = staging.Commit(written); !committed.ok()) return committed;
  return result;
}

}  // namespace gpaikit::corpus
