// gpaikit._native.corpus: corpus scans (the scanner of `gpaikit corpus scan`, GIL released) and
// mergeable gpaikit.corpus-stats/1 statistics (AI Act Art. 53(1)(d) training-content summary).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.h"
#include "gpaikit/corpus/audit.h"
#include "gpaikit/corpus/audit_setup.h"
#include "gpaikit/corpus/scan_settings.h"
#include "gpaikit/corpus/scanner.h"
#include "gpaikit/corpus/stats.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace gpaikit::python {
namespace {

using corpus::CorpusStats;

// What `gpaikit corpus scan` takes, as keyword arguments.
struct ScanArgs {
  std::vector<std::filesystem::path> paths;
  std::optional<std::string> shard;
  std::optional<std::filesystem::path> robots;
  std::string psl, crawlers;
  corpus::ScanSettings settings;                  // gzip, the limits, strict, the field paths
  std::vector<std::filesystem::path> blocklists;  // Measure 1.2 lists: verdict "blocked"
};

std::vector<std::filesystem::path> Expand(const std::vector<std::filesystem::path>& paths,
                                          std::vector<corpus::CorpusError>* skipped) {
  auto files = corpus::ExpandInputs(paths, skipped);
  if (!files.ok()) ThrowStatus(files.status());
  return std::move(*files);
}

CorpusStats Scan(const ScanArgs& args) {
  std::vector<corpus::CorpusError> skipped;
  std::vector<std::filesystem::path> files = Expand(args.paths, &skipped);
  if (args.shard.has_value()) {
    size_t index = 0, count = 1;
    Status status = corpus::ParseShard(*args.shard, &index, &count);
    if (!status.ok()) ThrowStatus(status);
    files = corpus::SelectShard(files, index, count);
  }
  corpus::ScanOptions options;
  Status applied = corpus::ApplyScanSettings(args.settings, options);
  if (!applied.ok()) ThrowStatus(applied);
  options.suffixes = SuffixList(args.psl);
  std::unique_ptr<corpus::AuditSetup> audit;
  if (args.robots.has_value() || !args.blocklists.empty()) {
    corpus::AuditSources sources;
    if (args.robots.has_value()) sources.robots = *args.robots;
    sources.blocklists = args.blocklists;
    sources.crawlers = args.crawlers;
    auto loaded = corpus::AuditSetup::Load(sources, options.suffixes);
    if (!loaded.ok()) {
      ThrowStatus(loaded.status(), {args.robots ? args.robots->string() : std::string(), {}, {}});
    }
    audit = std::move(*loaded);
    options.auditor = &audit->auditor();
  }
  Result<CorpusStats> stats = [&] {
    py::gil_scoped_release release;
    return corpus::ScanFiles(files, options);
  }();
  if (!stats.ok()) ThrowStatus(stats.status());
  for (const corpus::CorpusError& entry : skipped) stats->AddError(entry);
  return std::move(*stats);
}

corpus::MergeKind MergeKindNamed(const std::string& kind) {
  if (kind == "shards") return corpus::MergeKind::kShards;
  if (kind == "corpora") return corpus::MergeKind::kCorpora;
  throw py::value_error("kind: expected 'shards' or 'corpora', got '" + kind + "'");
}

CorpusStats Merged(const CorpusStats& a, const CorpusStats& b, const std::string& kind) {
  corpus::MergeKind merge_kind = MergeKindNamed(kind);
  CorpusStats out = a;
  Status status = [&] {
    py::gil_scoped_release release;
    return out.Merge(b, merge_kind);
  }();
  if (!status.ok()) ThrowStatus(status);
  return out;
}

// Merges `items` in order into a copy of the first (one copy, whatever their number).
CorpusStats MergeAll(const py::sequence& items, const std::string& kind) {
  corpus::MergeKind merge_kind = MergeKindNamed(kind);
  if (py::len(items) == 0) throw py::value_error("merge: no statistics given");
  CorpusStats out = items[0].cast<const CorpusStats&>();
  for (size_t i = 1; i < py::len(items); ++i) {
    const CorpusStats& next = items[i].cast<const CorpusStats&>();
    Status status = [&] {
      py::gil_scoped_release release;
      return out.Merge(next, merge_kind);
    }();
    if (!status.ok()) ThrowStatus(status);
  }
  return out;
}

CorpusStats FromJson(const std::string& text, const std::string& source) {
  Result<CorpusStats> stats = [&] {
    py::gil_scoped_release release;
    return corpus::ParseCorpusStats(text, source);
  }();
  if (!stats.ok()) ThrowStatus(stats.status(), {source, {}, {}});
  return std::move(*stats);
}

std::string ToJson(const CorpusStats& stats) {
  py::gil_scoped_release release;
  return stats.ToJsonText();
}

py::dict ModalityDict(const CorpusStats& stats) {
  py::dict out;
  for (size_t i = 0; i < corpus::kModalityCount; ++i) {
    auto modality = static_cast<corpus::Modality>(i);
    const corpus::ModalityStats& m = stats.modalities[i];
    out[py::str(std::string(corpus::ModalityName(modality)))] =
        py::dict("records"_a = m.records, "content_bytes"_a = m.content_bytes,
                 "tokens"_a = stats.Tokens(modality),
                 "tokens_estimated"_a = stats.EstimatedTokens(modality));
  }
  return out;
}

void BindStats(py::module_& m) {
  py::class_<corpus::CorpusError>(m, "CorpusError", "A problem found in a corpus file.")
      .def_readonly("file", &corpus::CorpusError::file)
      .def_readonly("offset", &corpus::CorpusError::offset, "decoded byte offset")
      .def_readonly("line", &corpus::CorpusError::line, "JSONL line, 0 for WARC")
      .def_readonly("message", &corpus::CorpusError::message)
      .def("__repr__", [](const corpus::CorpusError& e) {
        return "<CorpusError " + e.file + " offset " + std::to_string(e.offset) + ": " + e.message +
               ">";
      });

  py::class_<CorpusStats>(
      m, "CorpusStats",
      "Statistics of a corpus (schema gpaikit.corpus-stats/1, as `gpaikit corpus scan --json`).")
      .def_readonly("records", &CorpusStats::records, "documents counted")
      .def_readonly("content_bytes", &CorpusStats::content_bytes)
      .def_readonly("errors_total", &CorpusStats::errors_total)
      .def_readonly("skipped_records", &CorpusStats::skipped_records)
      .def_readonly("records_without_url", &CorpusStats::records_without_url)
      .def_readonly("records_without_date", &CorpusStats::records_without_date)
      .def_readonly("first_date", &CorpusStats::first_date)
      .def_readonly("last_date", &CorpusStats::last_date)
      .def_readonly("errors", &CorpusStats::errors, "the first max_errors problems, file order")
      .def_readonly("audited", &CorpusStats::audited)
      .def_readonly("other_records", &CorpusStats::other_records)
      .def_property_readonly("modalities", &ModalityDict)
      .def_property_readonly(
          "verdicts",
          [](const CorpusStats& s) {
            py::dict out;
            for (const auto& [name, c] : s.verdicts) {
              out[py::str(name)] =
                  py::dict("records"_a = c.records, "content_bytes"_a = c.content_bytes);
            }
            return out;
          },
          "opt-out audit: records and bytes per verdict (empty without robots= or blocklists=)")
      .def_property_readonly("domain_count", [](const CorpusStats& s) { return s.domains.size(); })
      .def_property_readonly("domains_exact",
                             [](const CorpusStats& s) { return s.domains.exact(); })
      .def(
          "domains",
          [](const CorpusStats& s, size_t top) {
            std::vector<std::tuple<std::string, uint64_t, uint64_t>> out;
            for (const corpus::DomainView& d : s.domains.Top(top)) {
              out.emplace_back(std::string(d.domain), d.counts.records, d.counts.content_bytes);
            }
            return out;
          },
          "top"_a = 20, "The `top` largest domains by content: (domain, records, content_bytes).")
      .def("merge", &Merged, "other"_a, "kind"_a = "shards",
           "A new CorpusStats adding `other`: 'shards' of one scan (same suffix list and ratio,\n"
           "no file twice) or 'corpora'. InputError when they cannot be merged.")
      .def("to_json", &ToJson, "The gpaikit.corpus-stats/1 document, as the CLI writes it.")
      .def_static("from_json", &FromJson, "text"_a, "source"_a = "<json>",
                  "Reads a gpaikit.corpus-stats/1 document (errors name `source` and the path).")
      .def(py::pickle([](const CorpusStats& s) { return ToJson(s); },
                      [](const std::string& text) { return FromJson(text, "<pickle>"); }))
      .def("__repr__", [](const CorpusStats& s) {
        return "<CorpusStats " + std::to_string(s.records) + " documents, " +
               std::to_string(s.content_bytes) + " bytes, " + std::to_string(s.domains.size()) +
               " domains, " + std::to_string(s.errors_total) + " errors>";
      });
}

}  // namespace

void BindCorpus(py::module_& m) {
  BindStats(m);
  m.def(
      "scan",
      [](std::vector<std::filesystem::path> paths, std::optional<std::string> shard,
         std::optional<std::filesystem::path> robots, std::string psl, std::string crawlers,
         std::string gzip, double bytes_per_token, size_t max_domains, size_t max_errors,
         size_t max_record_mib, bool strict, std::vector<std::string> url_fields,
         std::vector<std::string> text_fields, std::vector<std::string> date_fields,
         std::vector<std::string> token_fields, std::vector<std::filesystem::path> blocklists) {
        ScanArgs args{std::move(paths),
                      std::move(shard),
                      std::move(robots),
                      std::move(psl),
                      std::move(crawlers),
                      corpus::ScanSettings{std::move(gzip), bytes_per_token, max_domains,
                                           max_errors, max_record_mib, strict,
                                           std::move(url_fields), std::move(text_fields),
                                           std::move(date_fields), std::move(token_fields)},
                      std::move(blocklists)};
        return Scan(args);
      },
      "paths"_a, py::kw_only(), "shard"_a = py::none(), "robots"_a = py::none(), "psl"_a = "",
      "crawlers"_a = "", "gzip"_a = "auto", "bytes_per_token"_a = 4.0, "max_domains"_a = 4'000'000,
      "max_errors"_a = 1000, "max_record_mib"_a = 256, "strict"_a = false,
      "url_fields"_a = std::vector<std::string>{}, "text_fields"_a = std::vector<std::string>{},
      "date_fields"_a = std::vector<std::string>{}, "token_fields"_a = std::vector<std::string>{},
      "blocklists"_a = std::vector<std::filesystem::path>{},
      "Scans WARC/JSONL files or folders as `gpaikit corpus scan` does (GIL released).");
  m.def("merge", &MergeAll, "stats"_a, "kind"_a = "shards",
        "Merges statistics in order ('shards' as `gpaikit corpus merge`, or 'corpora').");
  m.def(
      "expand",
      [](const std::vector<std::filesystem::path>& paths) {
        std::vector<corpus::CorpusError> skipped;
        std::vector<std::string> out;
        for (const auto& path : Expand(paths, &skipped)) out.push_back(path.string());
        return out;
      },
      "paths"_a, "The files a scan of `paths` reads, sorted (folders recursively).");
  m.def(
      "parse_shard",
      [](const std::string& text) {
        size_t index = 0, count = 1;
        Status status = corpus::ParseShard(text, &index, &count);
        if (!status.ok()) ThrowStatus(status);
        return std::make_pair(index, count);
      },
      "text"_a, "'I/N' to (I, N).");
}

}  // namespace gpaikit::python
