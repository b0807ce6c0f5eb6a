// Parses gpaikit.yaml (format version 1, docs/project-file.md): provider, models and the
// copyright files, strictly.
#include <set>

#include "gpaikit/base/files.h"
#include "gpaikit/project/project.h"
#include "project/copyright_parser.h"
#include "project/model_parser.h"
#include "project/project_loader.h"

namespace gpaikit::project {
namespace {

Provider ParseProvider(const YAML::Node& node, Diagnostics& diagnostics) {
  MapReader reader(node, "provider", diagnostics,
                   {"legal_name", "contact", "established_in_eu", "country",
                    "authorised_representative", "size", "signatory"});
  Provider provider;
  provider.legal_name = reader.String("legal_name", true).value_or("");
  provider.contact = reader.String("contact", true).value_or("");
  provider.established_in_eu = reader.Bool("established_in_eu", true).value_or(true);
  provider.country = reader.String("country").value_or("");
  provider.size = reader.Choice("size", {"large", "sme", "small-mid-cap"}).value_or("large");
  if (reader.Has("authorised_representative")) {
    MapReader representative(reader.Get("authorised_representative"),
                             "provider.authorised_representative", diagnostics,
                             {"name", "contact", "mandate_date"});
    AuthorisedRepresentative out;
    out.name = representative.String("name", true).value_or("");
    out.contact = representative.String("contact", true).value_or("");
    out.mandate_date = representative.Date("mandate_date");
    provider.authorised_representative = out;
  }
  if (reader.Has("signatory")) {
    MapReader signatory(reader.Get("signatory"), "provider.signatory", diagnostics,
                        {"transparency", "copyright", "safety_security"});
    provider.signatory.transparency = signatory.Bool("transparency").value_or(false);
    provider.signatory.copyright = signatory.Bool("copyright").value_or(false);
    provider.signatory.safety_security = signatory.Bool("safety_security").value_or(false);
  }
  return provider;
}

// Bounds on what one project file may hold, so that time and memory stay bounded on any input
// (issue 14: 20,000 models took 3 GB): far above any real project (the examples are under 12 KiB
// and 3 models); long texts belong in {file: ...} Markdown files.
constexpr size_t kMaxProjectBytes = 8u << 20;
constexpr size_t kMaxModels = 1000;

}  // namespace

Project ParseProjectPartly(std::string_view text, const std::string& file, Status& status) {
  Project project;
  project.file = file;
  if (text.size() > kMaxProjectBytes) {
    status = Status::InvalidInput(file + ": " + std::to_string(text.size()) +
                                  " bytes; a project file holds at most " +
                                  std::to_string(kMaxProjectBytes >> 20) +
                                  " MiB (put long texts in {file: ...} Markdown files)");
    return project;
  }
  Result<YAML::Node> root = ParseYaml(text, file);
  if (!root.ok()) {
    status = root.status();
    return project;
  }
  Diagnostics diagnostics(file);
  if (!root->IsDefined() || root->IsNull()) {
    diagnostics.Error(root->Mark(),
                      "empty project file: expected 'gpaikit: 1', 'provider' and "
                      "'models' (run 'gpaikit init DIR' for a starting file)");
    status = diagnostics.ToStatus();
    return project;
  }
  MapReader reader(*root, "", diagnostics,
                   {"gpaikit", "rulepack", "code_of_practice", "documentation_form",
                    "summary_template", "provider", "models", "copyright", "corpus_filter"});
  std::optional<int> format = reader.Integer("gpaikit", true);
  if (format && *format != 1) {
    diagnostics.Error(reader.MarkOf("gpaikit"), "gpaikit: unsupported format version " +
                                                    std::to_string(*format) +
                                                    "; this gpaikit reads version 1");
  }
  for (auto [key, pinned] : {std::pair{"rulepack", &project.rulepack},
                             {"code_of_practice", &project.code_of_practice},
                             {"documentation_form", &project.documentation_form},
                             {"summary_template", &project.summary_template}}) {
    *pinned = reader.String(key).value_or("");
    if (reader.Has(key)) project.pinned_at[key] = diagnostics.At(reader.MarkOf(key));
  }
  if (reader.Has("provider")) {
    project.provider = ParseProvider(reader.Get("provider"), diagnostics);
  } else if (reader.valid()) {
    diagnostics.Error(root->Mark(), "provider: required key is missing");
  }
  ParseCopyrightSections(reader, project);
  YAML::Node models = reader.Sequence("models", true);
  if (models.size() > kMaxModels) {
    diagnostics.Error(models[kMaxModels].Mark(), "models: " + std::to_string(models.size()) +
                                                     " models; a project file holds at most " +
                                                     std::to_string(kMaxModels));
    status = diagnostics.ToStatus();
    return project;
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < models.size(); ++i) {
    Model model = ParseModel(models[i], "models[" + std::to_string(i) + "]", diagnostics);
    if (!model.id.empty() && !ids.insert(model.id).second) {
      diagnostics.Error(models[i]["id"].Mark(), "models[" + std::to_string(i) +
                                                    "].id: duplicate model id '" + model.id + "'");
    }
    project.models.push_back(std::move(model));
  }
  if (reader.Has("models") && models.size() == 0) {
    diagnostics.Error(reader.MarkOf("models"), "models: expected at least one model");
  }
  status = diagnostics.ToStatus();
  return project;
}

Result<Project> ParseProject(std::string_view text, const std::string& file) {
  Status status;
  Project project = ParseProjectPartly(text, file, status);
  if (!status.ok()) return status;
  return project;
}

Project LoadProjectPartly(const std::filesystem::path& dir_or_file, Status& status) {
  std::filesystem::path file = dir_or_file;
  std::error_code error;
  if (std::filesystem::is_directory(dir_or_file, error)) file = dir_or_file / kProjectFileName;
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) {
    status = text.status().code() == StatusCode::kNotFound
                 ? Status::NotFound(file.string() +
                                    ": no project file (run 'gpaikit init DIR' to create one)")
                 : text.status();
    return Project{};
  }
  Project project = ParseProjectPartly(*text, file.string(), status);
  project.root = file.parent_path().empty() ? "." : file.parent_path();
  return project;
}

Result<Project> LoadProject(const std::filesystem::path& dir_or_file) {
  Status status;
  Project project = LoadProjectPartly(dir_or_file, status);
  if (!status.ok()) return status;
  return project;
}

}  // namespace gpaikit::project
