// `gpaikit corpus scan|merge|filter`: corpus statistics (gpaikit.corpus-stats/1), shard merging,
// and the opt-out audit and filter (AI Act Art. 53(1)(c),(d); CoP Copyright Measure 1.3).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/corpus/audit.h"
#include "gpaikit/corpus/audit_setup.h"
#include "gpaikit/corpus/filter.h"
#include "gpaikit/corpus/scan_settings.h"
#include "gpaikit/corpus/scanner.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/project/project.h"

namespace gpaikit::cli {
namespace {

struct CorpusOptions {
  std::vector<std::string> paths;
  std::string shard, robots, psl_file, crawlers_file;
  std::vector<std::string> blocklists;  // audit: Measure 1.2 lists (optout::Blocklist format)
  OutputOptions output;  // scan and merge: --format/--json, --out FILE; filter: --out FOLDER
  corpus::ScanSettings settings;  // --gzip, the field paths, the limits, --strict
  size_t top = 20;
  std::string data_source;          // scan: the template data source the corpus comes from
  std::vector<std::string> agents;  // audit: user agents checked besides the training crawlers
  std::string project_dir;          // audit: the project whose crawlers are checked by default
};

// Bytes, rate and ETA on stderr, redrawn at most five times a second; only on a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(uint64_t total) : total_(total), start_(Clock::now()) {}
  void Update(uint64_t done) {
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && done < total_) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
    int filled = static_cast<int>(fraction * 30);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(30, '.');
    double eta = rate > 0 ? static_cast<double>(total_ - std::min(done, total_)) / rate : 0;
    std::fprintf(stderr, "\r[%s] %5.1f%% %8.1f MB %7.1f MB/s ETA %4.0fs ", bar.c_str(),
                 fraction * 100, static_cast<double>(done) / 1e6, rate / 1e6, eta);
    std::fflush(stderr);
  }
  void Finish() { std::fprintf(stderr, "\n"); }

 private:
  using Clock = std::chrono::steady_clock;
  uint64_t total_;
  Clock::time_point start_, last_{};
};

void AddCommonOptions(CLI::App* cmd, CorpusOptions* o) {
  cmd->add_option("paths", o->paths, "WARC or JSONL files or folders")->required();
  cmd->add_option("--psl", o->psl_file, "public suffix list file (default: Debian's)");
  cmd->add_option("--gzip", o->settings.gzip, "gzip inflater: auto, isal or zlib")
      ->check(CLI::IsMember({"auto", "isal", "zlib"}));
  cmd->add_option("--url-field", o->settings.url_fields, "JSONL URL field path, e.g. metadata.url");
  cmd->add_option("--text-field", o->settings.text_fields, "JSONL text field path");
  cmd->add_option("--date-field", o->settings.date_fields, "JSONL date field path");
  cmd->add_option("--tokens-field", o->settings.token_fields, "JSONL token-count field path");
  cmd->add_option("--max-record-mib", o->settings.max_record_mib,
                  "larger records are reported, skipped (1 to 1024)")
      ->check(CLI::Range(size_t{1}, corpus::kMaxRecordMibLimit));
  cmd->add_option("--crawlers", o->crawlers_file,
                  "AI-crawler registry (default data/crawlers.yaml)");
  cmd->add_option("--agent", o->agents,
                  "with --robots: a user agent to check besides the registry's training "
                  "crawlers (repeatable; default: the project's training_data.crawling.crawlers)");
  cmd->add_option("--blocklist", o->blocklists,
                  "audit: a blocklist file of Measure 1.2 (repeatable); a listed document's "
                  "verdict is \"blocked\"");
  cmd->add_option("-C,--project", o->project_dir,
                  "with --robots: the project whose crawlers are checked (default: . when it "
                  "holds gpaikit.yaml)");
}

// The user agents an audit checks besides the registry's training crawlers: --agent, else the
// crawlers every model of the project names (training_data.crawling.crawlers).
Result<std::vector<std::string>> AuditAgents(const CorpusOptions& o) {
  if (!o.agents.empty()) return o.agents;
  std::filesystem::path dir = o.project_dir.empty() ? "." : o.project_dir;
  std::error_code error;
  if (o.project_dir.empty() && !std::filesystem::exists(dir / "gpaikit.yaml", error)) {
    return std::vector<std::string>{};
  }
  Result<project::Project> project = project::LoadProject(dir);
  if (!project.ok()) return project.status();
  return project->CrawlerNames();
}

// Everything a scan or filter needs, loaded from the options.
struct Loaded {
  std::vector<std::filesystem::path> files;
  std::vector<corpus::CorpusError> skipped;  // folder entries not read, each with why
  corpus::ScanOptions scan;
  std::unique_ptr<corpus::AuditSetup> audit;  // with --robots or --blocklist
  // `corpus filter` manifests among the inputs: what was removed before this corpus.
  std::vector<std::filesystem::path> filter_manifests;
};

Result<std::unique_ptr<Loaded>> Load(const CorpusOptions& o) {
  auto loaded = std::make_unique<Loaded>();
  std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  // A scan never reads its own output file (a JSON document that is not JSON Lines anyway).
  std::vector<std::filesystem::path> exclude;
  if (!o.output.out.empty()) exclude.push_back(o.output.out);
  std::vector<corpus::PassedOver> not_corpus;
  auto files = corpus::ExpandInputs(paths, &loaded->skipped, exclude, &not_corpus);
  if (!files.ok()) return files.status();
  for (const corpus::PassedOver& file : not_corpus) {
    if (file.filter_manifest) {
      loaded->filter_manifests.push_back(file.path);
      continue;
    }
    std::cerr << "gpaikit: not read: " << file.path.string() << " (" << file.why << ")\n";
  }
  loaded->files = std::move(files.value());
  if (!o.shard.empty()) {
    size_t index = 0, count = 1;
    Status status = corpus::ParseShard(o.shard, &index, &count);
    if (!status.ok()) return status;
    loaded->files = corpus::SelectShard(loaded->files, index, count);
    if (index != 0) loaded->filter_manifests.clear();  // counted once, by shard 0
  }
  auto suffixes = optout::PublicSuffixList::Load(o.psl_file);
  if (!suffixes.ok()) return suffixes.status();
  corpus::ScanOptions& scan = loaded->scan;
  scan.suffixes = suffixes.value();
  Status applied = corpus::ApplyScanSettings(o.settings, scan);
  if (!applied.ok()) return applied;
  if (!o.robots.empty() || !o.blocklists.empty()) {
    corpus::AuditSources sources;
    sources.robots = o.robots;
    sources.blocklists.assign(o.blocklists.begin(), o.blocklists.end());
    sources.crawlers = o.crawlers_file;
    auto agents = AuditAgents(o);
    if (!agents.ok()) return agents.status();
    for (const std::string& agent : *agents) {
      if (std::string warning = optout::UserAgentWarning(agent); !warning.empty()) {
        std::cerr << "gpaikit: warning: " << warning << "\n";
      }
    }
    sources.agents = std::move(*agents);
    auto audit = corpus::AuditSetup::Load(sources, scan.suffixes);
    if (!audit.ok()) return audit.status();
    loaded->audit = std::move(*audit);
    scan.auditor = &loaded->audit->auditor();
  }
  return loaded;
}

void PrintText(const corpus::CorpusStats& s, size_t top, std::ostream& out) {
  out << "documents: " << s.records << ", content bytes: " << s.content_bytes << "\n";
  for (size_t i = 0; i < corpus::kModalityCount; ++i) {
    const corpus::ModalityStats& m = s.modalities[i];
    if (m.records == 0) continue;
    auto modality = static_cast<corpus::Modality>(i);
    out << "  " << corpus::ModalityName(modality) << ": " << m.records << " records, "
        << m.content_bytes << " bytes, " << s.Tokens(modality) << " tokens"
        << (m.bytes_without_tokens > 0 ? " (partly estimated)" : "") << "\n";
  }
  out << "dates: " << (s.first_date.empty() ? "-" : s.first_date) << " to "
      << (s.last_date.empty() ? "-" : s.last_date) << "\n";
  std::vector<corpus::DomainView> domains = s.domains.Top(top);
  out << "domains: " << s.domains.size() << (s.domains.exact() ? "" : " (summary, not exact)")
      << "; top " << domains.size() << ":\n";
  for (const corpus::DomainView& d : domains) {
    out << "  " << d.domain << "  " << d.counts.records << " records  " << d.counts.content_bytes
        << " bytes\n";
  }
  for (const auto& [type, n] : s.other_records) out << "other " << type << ": " << n << "\n";
  if (s.audited) {
    for (const auto& [verdict, c] : s.verdicts) {
      out << "opt-out " << verdict << ": " << c.records << " records, " << c.content_bytes
          << " bytes\n";
    }
    for (const auto& [signal, c] : s.signals) {
      out << "  by " << signal << ": " << c.records << " records\n";
    }
  }
  if (!s.data_source.empty()) out << "data source: " << s.data_source << "\n";
  if (s.removed_by_filter.records > 0) {
    out << "removed before this corpus by gpaikit corpus filter: " << s.removed_by_filter.records
        << " documents, " << s.removed_by_filter.content_bytes << " bytes\n";
  }
  out << "errors: " << s.errors_total << ", skipped records: " << s.skipped_records << "\n";
  for (const corpus::CorpusError& e : s.errors) out << "  " << corpus::DescribeError(e) << "\n";
}

int EmitStats(const corpus::CorpusStats& stats, const CorpusOptions& o) {
  Result<Format> format = o.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  // The JSON document costs far more memory per domain than the table: built only when wanted.
  std::string text;
  if (*format == Format::kJson) {
    text = stats.ToJsonText() + "\n";
  } else {
    std::ostringstream table;
    PrintText(stats, o.top, table);
    text = table.str();
  }
  Status written = Emit(o.output, text);
  if (!written.ok()) return ReportFailure(written);
  if (o.settings.strict && stats.errors_total > 0) {
    std::cerr << "gpaikit: stopped at the first problem (--strict): "
              << corpus::DescribeError(stats.errors.front()) << "\n";
    return kExitInvalidInput;
  }
  return stats.errors_total > 0 ? kExitBlocking : kExitOk;
}

int RunScan(const CorpusOptions& o) {
  auto loaded = Load(o);
  if (!loaded.ok()) return ReportFailure(loaded.status());
  std::unique_ptr<ProgressBar> bar;
  if (::isatty(STDERR_FILENO) != 0) {
    uint64_t total = 0;
    for (const auto& f : (*loaded)->files) {
      std::error_code error;
      total += std::filesystem::file_size(f, error);
    }
    bar = std::make_unique<ProgressBar>(total);
    (*loaded)->scan.progress = [&bar](uint64_t done) { bar->Update(done); };
  }
  auto stats = corpus::ScanFiles((*loaded)->files, (*loaded)->scan);
  if (bar) bar->Finish();
  if (!stats.ok()) return ReportFailure(stats.status());
  for (const corpus::CorpusError& skipped : (*loaded)->skipped) stats->AddError(skipped);
  stats->data_source = o.data_source;
  for (const std::filesystem::path& manifest : (*loaded)->filter_manifests) {
    Status added = corpus::AddFilterManifest(manifest, &*stats);
    if (!added.ok()) return ReportFailure(added);
  }
  if ((*loaded)->audit) stats->audit_agents = (*loaded)->audit->auditor().agents;
  return EmitStats(*stats, o);
}

int RunMerge(const CorpusOptions& o) {
  std::vector<std::filesystem::path> files(o.paths.begin(), o.paths.end());
  auto merged = corpus::LoadCorpusStats(files, corpus::MergeKind::kShards);
  if (!merged.ok()) return ReportFailure(merged.status());
  return EmitStats(*merged, o);
}

int RunFilter(const CorpusOptions& o) {
  if (o.robots.empty() && o.blocklists.empty()) {
    return ReportFailure(Status::InvalidInput(
        "corpus filter needs --robots (snapshots) or --blocklist (a list), or both"));
  }
  auto loaded = Load(o);
  if (!loaded.ok()) return ReportFailure(loaded.status());
  auto result = corpus::FilterFiles((*loaded)->files, o.output.out, (*loaded)->scan);
  if (!result.ok() && result.status().code() == StatusCode::kIo) {
    // Only the outputs fail with Io: an environment error, exit 70 (DESIGN.md "Interfaces").
    return ReportFailure(Status::Internal(result.status().message()));
  }
  if (!result.ok()) return ReportFailure(result.status());
  // --out is the folder of the kept records: stdout stays empty, the account goes to stderr.
  std::cerr << "gpaikit: kept " << result->kept << " documents (" << result->kept_bytes
            << " bytes) and " << result->other_records << " other records; removed "
            << result->removed << " documents (" << result->removed_bytes << " bytes; "
            << result->blocked << " on a blocklist), listed in " << result->manifest.string()
            << "\n";
  if (Status flushed = FlushStdout(); !flushed.ok()) return ReportFailure(flushed);
  for (const corpus::CorpusError& e : result->errors) {
    std::cerr << corpus::DescribeError(e) << "\n";
  }
  for (const corpus::CorpusError& e : (*loaded)->skipped) {
    std::cerr << e.file << ": " << e.message << "\n";
  }
  return result->errors.empty() && (*loaded)->skipped.empty() ? kExitOk : kExitBlocking;
}

}  // namespace

void RegisterCorpusCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CorpusOptions>();
  CLI::App* corpus = app.add_subcommand(
      "corpus", "measure a training corpus (WARC, JSONL): sizes, domains, dates, opt-outs");
  corpus->require_subcommand(1);

  CLI::App* scan = corpus->add_subcommand("scan", "statistics of WARC/JSONL files");
  AddCommonOptions(scan, options.get());
  scan->add_option("--shard", options->shard, "scan shard I of N (0-based), e.g. 0/4");
  AddOutputOptions(scan, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the statistics (JSON schema gpaikit.corpus-stats/1; stats.json gives JSON)");
  scan->add_flag("--strict", options->settings.strict, "stop at the first bad record (exit 2)");
  scan->add_option("--robots", options->robots, "audit opt-outs with robots.txt snapshots here");
  scan->add_option("--bytes-per-token", options->settings.bytes_per_token,
                   "token estimate for records without a token count (default 4.0)")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            std::string problem = corpus::BytesPerTokenProblem(std::strtod(value.c_str(), nullptr));
            return problem.empty() ? "" : "'" + value + "': " + problem;
          },
          "RATIO"));
  scan->add_option("--max-domains", options->settings.max_domains,
                   "exact per-domain counts up to this many domains, then a summary");
  scan->add_option("--max-errors", options->settings.max_errors,
                   "problems listed (all are counted)");
  scan->add_option("--source", options->data_source,
                   "the data source the corpus comes from, as the public summary's template "
                   "sorts them (section 2): " +
                       corpus::DataSourceNames() + " (section 2.3 lists crawled domains only)")
      ->check([](const std::string& value) {
        return corpus::IsDataSource(value)
                   ? std::string()
                   : "expected one of " + corpus::DataSourceNames() + ", got '" + value + "'";
      });
  scan->add_option("--top", options->top, "domains shown in the text output");
  SetHelpFooter(corpus, {"gpaikit corpus scan crawl/ --out stats.json"});
  SetHelpFooter(scan, {"gpaikit corpus scan crawl/*.warc.gz --robots snapshots/ --out stats.json",
                       "gpaikit corpus scan data.jsonl.zst --url-field metadata.url --shard 0/4 "
                       "--json"});
  scan->callback([options, &exit_code] { exit_code = RunScan(*options); });

  CLI::App* merge = corpus->add_subcommand("merge", "combine shard statistics into one");
  merge->add_option("files", options->paths, "gpaikit.corpus-stats/1 JSON files")->required();
  AddOutputOptions(merge, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the merged statistics (JSON schema gpaikit.corpus-stats/1)");
  SetHelpFooter(merge, {"gpaikit corpus merge shard0.json shard1.json --out stats.json"});
  merge->add_option("--top", options->top, "domains shown in the text output");
  merge->callback([options, &exit_code] { exit_code = RunMerge(*options); });

  CLI::App* filter = corpus->add_subcommand(
      "filter", "write the opt-out-compliant subset and a manifest of removed records");
  AddCommonOptions(filter, options.get());
  filter->add_option("--robots", options->robots,
                     "robots.txt snapshots (folder); --robots, --blocklist or both");
  filter
      ->add_option("--out", options->output.out,
                   "Folder for the kept records and the manifest of removed ones (nothing on "
                   "stdout; the account goes to stderr)")
      ->required();
  SetHelpFooter(filter, {"gpaikit corpus filter crawl/ --robots snapshots/ --out filtered",
                         "gpaikit corpus filter crawl/ --blocklist blocklist.txt --out filtered"});
  filter->callback([options, &exit_code] { exit_code = RunFilter(*options); });
}

}  // namespace gpaikit::cli
