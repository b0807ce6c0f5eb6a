// Shared pieces of the gpaikit Python extension: its exception types and submodule builders.
#ifndef GPAIKIT_PYTHON_BINDINGS_H_
#define GPAIKIT_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/crawlers.h"
#include "gpaikit/optout/domain.h"

namespace gpaikit::python {

// Creates gpaikit.Error, gpaikit.InputError (also a ValueError) and gpaikit.FileError (also an
// OSError) in `module`.
void RegisterErrors(pybind11::module_& module);

// Where a problem is: every attribute of the raised exception (None when unknown).
struct ErrorPlace {
  std::string file;
  std::optional<uint64_t> offset;  // byte offset (decoded, for compressed files)
  std::optional<uint64_t> line;    // 1-based line (JSONL, text files)
};

// Raises the exception matching `status` (InputError for invalid input, FileError for missing or
// unreadable files, Error otherwise) with `place` as its attributes.
[[noreturn]] void ThrowStatus(const Status& status, const ErrorPlace& place = {});
[[noreturn]] void ThrowInputError(const std::string& message, const ErrorPlace& place);

// The UTF-8 bytes of a Python str, or the bytes of a bytes object (TypeError otherwise).
std::string_view TextOrBytes(pybind11::handle object);

// The public suffix list (`file`, or the default when empty) and the crawler registry (`file`, or
// data/crawlers.yaml), each loaded once per process and shared.
std::shared_ptr<const optout::PublicSuffixList> SuffixList(const std::string& file);
std::shared_ptr<const optout::CrawlerRegistry> Registry(const std::string& file);

void BindOptout(pybind11::module_& module);
void BindCorpus(pybind11::module_& module);
void BindRecords(pybind11::module_& module);

}  // namespace gpaikit::python

#endif  // GPAIKIT_PYTHON_BINDINGS_H_
