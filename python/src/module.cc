// The gpaikit._native extension module: exceptions and the optout and corpus submodules.
#include <pybind11/pybind11.h>

#include "bindings.h"

namespace py = pybind11;

namespace gpaikit::python {
namespace {

PyObject* error_type = nullptr;
PyObject* input_error_type = nullptr;
PyObject* file_error_type = nullptr;

PyObject* NewError(const char* name, PyObject* bases, const char* doc) {
  PyObject* type = PyErr_NewExceptionWithDoc(name, doc, bases, nullptr);
  if (type == nullptr) throw py::error_already_set();
  return type;
}

}  // namespace

void RegisterErrors(py::module_& module) {
  error_type = NewError("gpaikit.Error", nullptr,
                        "A gpaikit failure. Attributes: file, offset, line (None when unknown).");
  py::tuple input_bases = py::make_tuple(py::handle(error_type), py::handle(PyExc_ValueError));
  input_error_type =
      NewError("gpaikit.InputError", input_bases.ptr(),
               "Bad input: the message names the file and place (line:column or byte offset).");
  py::tuple file_bases = py::make_tuple(py::handle(error_type), py::handle(PyExc_OSError));
  file_error_type =
      NewError("gpaikit.FileError", file_bases.ptr(), "A file is missing or cannot be read.");
  module.attr("Error") = py::handle(error_type);
  module.attr("InputError") = py::handle(input_error_type);
  module.attr("FileError") = py::handle(file_error_type);
}

namespace {

[[noreturn]] void Raise(PyObject* type, const std::string& message, const ErrorPlace& place) {
  py::object error = py::reinterpret_borrow<py::object>(type)(message);
  error.attr("file") = place.file.empty() ? py::none() : py::object(py::str(place.file));
  error.attr("offset") = place.offset ? py::object(py::int_(*place.offset)) : py::none();
  error.attr("line") = place.line ? py::object(py::int_(*place.line)) : py::none();
  PyErr_SetObject(type, error.ptr());
  throw py::error_already_set();
}

}  // namespace

void ThrowStatus(const Status& status, const ErrorPlace& place) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      Raise(input_error_type, status.message(), place);
    case StatusCode::kNotFound:
    case StatusCode::kIo:
      Raise(file_error_type, status.message(), place);
    default:
      Raise(error_type, status.message(), place);
  }
}

void ThrowInputError(const std::string& message, const ErrorPlace& place) {
  Raise(input_error_type, message, place);
}

std::string_view TextOrBytes(py::handle object) {
  if (PyUnicode_Check(object.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(object.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return {data, static_cast<size_t>(size)};
  }
  if (PyBytes_Check(object.ptr())) {
    return {PyBytes_AS_STRING(object.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(object.ptr()))};
  }
  throw py::type_error("expected str or bytes");
}

}  // namespace gpaikit::python

PYBIND11_MODULE(_native, module) {
  module.doc() = "gpaikit's C++ engines: the opt-out decision and the corpus scanner.";
  gpaikit::python::RegisterErrors(module);
  py::module_ optout = module.def_submodule(
      "optout", "robots.txt (RFC 9309), TDMRep and other reservations, and the decision.");
  gpaikit::python::BindOptout(optout);
  py::module_ corpus = module.def_submodule(
      "corpus", "WARC and JSONL records, scans, and gpaikit.corpus-stats/1 statistics.");
  gpaikit::python::BindCorpus(corpus);
  gpaikit::python::BindRecords(corpus);
}
