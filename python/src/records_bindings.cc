// gpaikit._native.corpus.records: WARC (ISO 28500) and JSONL records one at a time, through the
// scanner's readers and domain resolver, for Python data pipelines.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "gpaikit/base/input_stream.h"
#include "gpaikit/corpus/record.h"
#include "gpaikit/corpus/scanner.h"
#include "gpaikit/corpus/stats.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace gpaikit::python {
namespace {

// One record, copied out of the reader's window.
struct PyRecord {
  uint64_t offset = 0, line = 0;
  std::string warc_type;
  bool is_document = false;
  std::string url, date, media_type, modality;
  uint64_t content_length = 0;
  std::optional<int64_t> tokens;
  std::optional<std::string> host, domain;
  std::string note;
  py::object payload = py::none();
};

class RecordIterator {
 public:
  RecordIterator(const std::filesystem::path& path, bool payload, bool documents_only,
                 const std::string& errors, const std::string& psl)
      : file_(path.string()),
        resolver_(SuffixList(psl)),
        payload_(payload),
        documents_only_(documents_only) {
    if (errors != "raise" && errors != "collect") {
      throw py::value_error("errors: expected 'raise' or 'collect', got '" + errors + "'");
    }
    raise_ = errors == "raise";
    auto stream = InputStream::Open(path);
    if (!stream.ok()) ThrowStatus(stream.status(), {file_, {}, {}});
    stream_ = std::move(*stream);
    auto reader = corpus::OpenReader(stream_.get(), corpus::ReaderOptions{});
    if (!reader.ok()) ThrowStatus(reader.status(), {file_, 0, {}});
    reader_ = std::move(*reader);
  }

  PyRecord Next() {
    while (true) {
      std::string domain_note;
      bool resolved = false;
      Status resolve_status;
      corpus::RecordReader::Step step;
      {
        py::gil_scoped_release release;
        step = reader_->Next(&record_);
        if (step == corpus::RecordReader::Step::kRecord && record_.is_document &&
            !record_.url.empty()) {
          resolve_status = resolver_.Resolve(record_.url, &domain_note);
          resolved = resolve_status.ok();
        }
      }
      if (step == corpus::RecordReader::Step::kEnd) throw py::stop_iteration();
      if (step == corpus::RecordReader::Step::kIssue) {
        const corpus::ReadIssue& issue = reader_->issue();
        corpus::CorpusError error{file_, issue.offset, issue.line, issue.message};
        if (raise_) {
          ThrowInputError(file_ + ": offset " + std::to_string(issue.offset) + ": " + issue.message,
                          {file_, issue.offset,
                           issue.line ? std::optional<uint64_t>(issue.line) : std::nullopt});
        }
        errors_.push_back(std::move(error));
        continue;
      }
      if (documents_only_ && !record_.is_document) continue;
      return Copy(resolved, resolve_status, domain_note);
    }
  }

  const std::vector<corpus::CorpusError>& errors() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  PyRecord Copy(bool resolved, const Status& resolve_status, const std::string& domain_note) {
    PyRecord out;
    out.offset = record_.offset;
    out.line = record_.line;
    out.warc_type = record_.warc_type;
    out.is_document = record_.is_document;
    out.url = record_.url;
    out.date = record_.date;
    out.media_type = record_.media_type;
    out.modality = corpus::ModalityName(record_.modality);
    out.content_length = record_.content_bytes;
    if (record_.tokens >= 0) out.tokens = record_.tokens;
    if (resolved) {
      out.host = resolver_.host();
      out.domain = resolver_.domain();
    }
    out.note = record_.note;
    std::string extra = resolved ? domain_note : resolve_status.message();
    if (!extra.empty()) out.note = out.note.empty() ? extra : out.note + "; " + extra;
    if (payload_) out.payload = py::bytes(record_.payload.data(), record_.payload.size());
    return out;
  }

  std::string file_;
  std::unique_ptr<InputStream> stream_;
  std::unique_ptr<corpus::RecordReader> reader_;
  corpus::DomainResolver resolver_;
  corpus::Record record_;
  bool payload_ = false, documents_only_ = true, raise_ = true;
  std::vector<corpus::CorpusError> errors_;
};

}  // namespace

void BindRecords(py::module_& m) {
  py::class_<PyRecord>(m, "Record", "One WARC or JSONL record.")
      .def_readonly("offset", &PyRecord::offset, "decoded byte offset of the record")
      .def_readonly("line", &PyRecord::line, "JSONL: 1-based line; WARC: 0")
      .def_readonly("warc_type", &PyRecord::warc_type, "WARC-Type; '' for JSONL")
      .def_readonly("is_document", &PyRecord::is_document)
      .def_readonly("url", &PyRecord::url)
      .def_readonly("date", &PyRecord::date, "WARC-Date or the JSONL date, as written")
      .def_readonly("media_type", &PyRecord::media_type)
      .def_readonly("modality", &PyRecord::modality, "text, image, audio, video or other")
      .def_readonly("content_length", &PyRecord::content_length,
                    "content bytes as the scan counts them (HTTP body de-chunked, text UTF-8)")
      .def_readonly("tokens", &PyRecord::tokens, "token count from the data, or None")
      .def_readonly("host", &PyRecord::host, "normalised host, None without a usable URL")
      .def_readonly("domain", &PyRecord::domain, "registrable domain (libpsl), or None")
      .def_readonly("note", &PyRecord::note, "a problem that did not stop the record, or ''")
      .def_readonly("payload", &PyRecord::payload,
                    "the payload as stored (bytes) when records(payload=True), else None")
      .def("__repr__", [](const PyRecord& r) {
        return "<Record " + r.url + " " + r.media_type + " " + std::to_string(r.content_length) +
               " bytes>";
      });

  py::class_<RecordIterator>(m, "RecordIterator", "Iterator over the records of one file.")
      .def(py::init<const std::filesystem::path&, bool, bool, const std::string&,
                    const std::string&>(),
           "path"_a, py::kw_only(), "payload"_a = false, "documents_only"_a = true,
           "errors"_a = "raise", "psl"_a = "",
           "Opens `path` (WARC or JSONL, plain, gzip or zstd). errors='raise' raises InputError\n"
           "(with file, offset, line) at a bad record; 'collect' skips it into .errors.")
      .def("__iter__", [](RecordIterator& it) -> RecordIterator& { return it; })
      .def("__next__", &RecordIterator::Next)
      .def_property_readonly("errors", &RecordIterator::errors,
                             "bad records skipped so far (errors='collect')")
      .def_property_readonly("file", &RecordIterator::file);
}

}  // namespace gpaikit::python
