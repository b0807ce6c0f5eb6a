// The intake forms' fields and their validation: a rightsholder's complaint (Code of Practice,
// Copyright, Measure 1.5) and a downstream provider's request (Transparency, Measure 1.2), each
// field checked with a message for the page to show beside it (docs/portal.md "Intake").
#ifndef GPAIKIT_PORTAL_INTAKE_FORM_H_
#define GPAIKIT_PORTAL_INTAKE_FORM_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"

namespace gpaikit::portal {

// Longest accepted values, in bytes.
inline constexpr size_t kMaxLineField = 200;     // name, organisation, one work, model
inline constexpr size_t kMaxTextField = 20'000;  // allegation, mandate, request
inline constexpr size_t kMaxWorks = 500;         // lines of the works field
inline constexpr size_t kMinAllegation = 20;     // "sufficiently precise" (Measure 1.5)

struct FieldError {
  std::string field;    // the form field's name
  std::string message;  // what is wrong and what is expected
};

// Who files: the fields both forms share, read and checked the same way.
struct ContactFields {
  std::string name;
  std::string organisation;
  std::string email;
};

struct ComplaintForm : ContactFields {
  std::string authority;                // "rightsholder" or "representative"
  std::string mandate;                  // who the representative acts for and how (representatives)
  std::string works;                    // as typed, one URL or identifier per line
  std::vector<std::string> work_lines;  // the non-empty lines, trimmed
  std::string allegation;
  bool declaration = false;  // "the information is accurate to the best of my knowledge"
  // The fields to store, in the form's order (CaseStore's details).
  Fields Details() const;
};

struct RequestForm : ContactFields {
  std::string model;    // one of the project's model ids
  std::string request;  // what is requested
  Fields Details() const;
};

// The form's values (trimmed) and the errors found; every field is checked, so the page can
// show every problem at once.
template <typename Form>
struct Checked {
  Form form;
  std::vector<FieldError> errors;
  bool ok() const { return errors.empty(); }
};

Checked<ComplaintForm> CheckComplaintForm(const Fields& fields);
Checked<RequestForm> CheckRequestForm(const Fields& fields,
                                      const std::vector<std::string>& model_ids);

// One line of the works field: an http(s) URL with a host and no white space, or an identifier
// (ISBN, ISRC, DOI, a catalogue number, ...) of printable text. The message says which.
Status CheckWork(std::string_view line);

// The client's name of an uploaded file, shown to staff only: InvalidInput, saying why, for a
// name with a path (a '/' or '\\'), "..", a leading '.', control characters, invalid UTF-8, or
// more than 255 bytes. Files are stored by their hash, never by this name.
Status CheckUploadName(std::string_view filename);

// The media type of evidence, from its first bytes: application/pdf ("%PDF-"), image/png (the
// 8-byte signature), image/jpeg (FF D8 FF), text/plain (UTF-8 without control characters other
// than tab, CR and LF); nullopt for anything else, whatever its name or declared type.
std::optional<std::string> DetectEvidenceType(std::string_view bytes);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_INTAKE_FORM_H_
