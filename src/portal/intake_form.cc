// Validation of the complaint and request forms, of works lines, of upload names, and the
// detection of an evidence file's type from its content.
#include "portal/intake_form.h"

#include <algorithm>
#include <cctype>

#include "portal/mail_message.h"

namespace gpaikit::portal {
namespace {

std::string Trimmed(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// True when `text` holds a control character other than tab, CR and LF (or any at all when
// `single_line`).
bool HasControl(std::string_view text, bool single_line) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    auto byte = static_cast<unsigned char>(c);
    if (byte == 0x7f) return true;
    if (byte >= 0x20) return false;
    return single_line || (c != '\t' && c != '\r' && c != '\n');
  });
}

// Checks a text field; adds an error and returns false when it is wrong.
bool CheckText(std::vector<FieldError>& errors, const std::string& field, const std::string& label,
               const std::string& value, bool required, size_t max_bytes, bool single_line) {
  if (value.empty()) {
    if (required) errors.push_back({field, label + " is required."});
    return !required;
  }
  if (!IsUtf8(value)) {
    errors.push_back({field, label + " is not valid UTF-8 text."});
    return false;
  }
  if (HasControl(value, single_line)) {
    errors.push_back({field, label + (single_line ? " must be one line of text without control "
                                                    "characters."
                                                  : " contains control characters.")});
    return false;
  }
  if (value.size() > max_bytes) {
    errors.push_back({field, label + " is too long (" + std::to_string(value.size()) +
                                 " bytes; at most " + std::to_string(max_bytes) + ")."});
    return false;
  }
  return true;
}

std::string FieldOf(const Fields& fields, std::string_view name) {
  return Trimmed(Request::First(fields, name));
}

void ReadContact(const Fields& fields, ContactFields& contact) {
  contact.name = FieldOf(fields, "name");
  contact.organisation = FieldOf(fields, "organisation");
  contact.email = FieldOf(fields, "email");
}

// The e-mail address both forms require: a line of text, then the mail module's address form.
void CheckEmail(std::vector<FieldError>& errors, const std::string& email) {
  if (CheckText(errors, "email", "The e-mail address", email, true, kMaxLineField, true) &&
      !IsMailAddress(email)) {
    errors.push_back({"email", "The e-mail address is not of the form name@example.org."});
  }
}

}  // namespace

Fields ComplaintForm::Details() const {
  Fields out = {{"authority", authority}};
  if (!mandate.empty()) out.emplace_back("mandate", mandate);
  out.emplace_back("works", works);
  out.emplace_back("allegation", allegation);
  return out;
}

Fields RequestForm::Details() const { return {{"model", model}, {"request", request}}; }

Status CheckWork(std::string_view line) {
  if (line.starts_with("http://") || line.starts_with("https://")) {
    std::string_view rest = line.substr(line.find("//") + 2);
    std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.find('@') != std::string_view::npos) {
      return Status::InvalidInput("a URL needs a host name after '//' (and no user name)");
    }
    bool bad = std::any_of(line.begin(), line.end(), [](char c) {
      auto byte = static_cast<unsigned char>(c);
      return byte <= 0x20 || byte == 0x7f || c == '"' || c == '<' || c == '>';
    });
    if (bad) return Status::InvalidInput("a URL cannot contain spaces, quotes or angle brackets");
    return Status::Ok();
  }
  if (line.find("://") != std::string_view::npos) {
    return Status::InvalidInput("only http:// and https:// URLs are accepted");
  }
  if (!IsUtf8(line) || HasControl(line, true)) {
    return Status::InvalidInput("an identifier must be printable text");
  }
  if (line.size() > kMaxLineField) {
    return Status::InvalidInput("an identifier is at most " + std::to_string(kMaxLineField) +
                                " bytes");
  }
  return Status::Ok();
}

Checked<ComplaintForm> CheckComplaintForm(const Fields& fields) {
  Checked<ComplaintForm> out;
  ComplaintForm& form = out.form;
  std::vector<FieldError>& errors = out.errors;
  ReadContact(fields, form);
  form.authority = FieldOf(fields, "authority");
  form.mandate = FieldOf(fields, "mandate");
  form.works = FieldOf(fields, "works");
  form.allegation = FieldOf(fields, "allegation");
  form.declaration = FieldOf(fields, "declaration") == "yes";

  CheckText(errors, "name", "Your name", form.name, true, kMaxLineField, true);
  CheckText(errors, "organisation", "The organisation", form.organisation, false, kMaxLineField,
            true);
  CheckEmail(errors, form.email);
  if (form.authority != "rightsholder" && form.authority != "representative") {
    errors.push_back({"authority", "Say whether you are the rightsholder or a representative."});
    form.authority.clear();
  }
  bool representative = form.authority == "representative";
  if (CheckText(errors, "mandate", "The mandate", form.mandate, representative, kMaxTextField,
                false) &&
      !representative) {
    form.mandate.clear();  // only a representative has one
  }
  if (CheckText(errors, "works", "The works concerned", form.works, true, kMaxTextField, false)) {
    size_t start = 0;
    size_t number = 0;
    while (start <= form.works.size()) {
      size_t end = form.works.find('\n', start);
      if (end == std::string::npos) end = form.works.size();
      ++number;
      std::string line = Trimmed(std::string_view(form.works).substr(start, end - start));
      start = end + 1;
      if (line.empty()) continue;
      if (Status work = CheckWork(line); !work.ok()) {
        errors.push_back({"works", "The works concerned, line " + std::to_string(number) + ": " +
                                       work.message() + "."});
        break;
      }
      form.work_lines.push_back(line);
    }
    if (form.work_lines.size() > kMaxWorks) {
      errors.push_back({"works", "At most " + std::to_string(kMaxWorks) +
                                     " works in one complaint; file several complaints."});
    }
  }
  if (CheckText(errors, "allegation", "What you allege", form.allegation, true, kMaxTextField,
                false) &&
      form.allegation.size() < kMinAllegation) {
    errors.push_back({"allegation", "Describe what you allege in at least " +
                                        std::to_string(kMinAllegation) +
                                        " characters: which use of which works, and why."});
  }
  if (!form.declaration) {
    errors.push_back({"declaration", "Confirm that the information is accurate."});
  }
  return out;
}

Checked<RequestForm> CheckRequestForm(const Fields& fields,
                                      const std::vector<std::string>& model_ids) {
  Checked<RequestForm> out;
  RequestForm& form = out.form;
  std::vector<FieldError>& errors = out.errors;
  ReadContact(fields, form);
  form.model = FieldOf(fields, "model");
  form.request = FieldOf(fields, "request");
  CheckText(errors, "organisation", "Your organisation", form.organisation, true, kMaxLineField,
            true);
  CheckText(errors, "name", "The contact person", form.name, true, kMaxLineField, true);
  CheckEmail(errors, form.email);
  if (std::find(model_ids.begin(), model_ids.end(), form.model) == model_ids.end()) {
    errors.push_back({"model", "Choose one of the models listed."});
    form.model.clear();
  }
  CheckText(errors, "request", "What you request", form.request, true, kMaxTextField, false);
  return out;
}

Status CheckUploadName(std::string_view filename) {
  if (filename.empty()) return Status::InvalidInput("the file has no name");
  if (filename.size() > 255) return Status::InvalidInput("the file name is longer than 255 bytes");
  if (filename.find('/') != std::string_view::npos ||
      filename.find('\\') != std::string_view::npos) {
    return Status::InvalidInput("the file name contains a path ('/' or '\\'); send the file alone");
  }
  if (filename.find("..") != std::string_view::npos || filename.front() == '.') {
    return Status::InvalidInput("the file name contains '..' or starts with '.'");
  }
  if (!IsUtf8(filename) || HasControl(filename, true)) {
    return Status::InvalidInput("the file name contains control characters or is not UTF-8");
  }
  return Status::Ok();
}

std::optional<std::string> DetectEvidenceType(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (bytes.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (!bytes.empty() && IsUtf8(bytes) && !HasControl(bytes, false)) return "text/plain";
  return std::nullopt;
}

}  // namespace gpaikit::portal
