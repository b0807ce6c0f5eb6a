// The project and the versions of the law it pins (AI Act rulepack, Code of Practice, Model
// Documentation Form, training-content summary template), loaded once per command.
#ifndef GPAIKIT_PROJECT_CONTEXT_H_
#define GPAIKIT_PROJECT_CONTEXT_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/law/form.h"
#include "gpaikit/law/law.h"
#include "gpaikit/law/summary_template.h"
#include "gpaikit/project/project.h"

namespace gpaikit::project {

// One law text the context uses: which version, and whether gpaikit.yaml pins it (else the newest
// installed one is used).
struct LawVersion {
  std::string key;      // rulepack | code_of_practice | documentation_form | summary_template
  std::string version;  // as the data file names itself ("code-of-practice/2025-07")
  bool pinned = false;
};

struct ProjectContext {
  std::filesystem::path data_dir;
  Project project;
  law::Rulepack rules;
  law::AcceleratorCatalogue catalogue;
  law::CodeOfPractice code;
  law::form::Form form;
  law::summary::Template summary_template;

  // The four law texts in the order above, with their versions.
  std::vector<LawVersion> Versions() const;
};

// Loads DIR/gpaikit.yaml (or the file given) and the law it pins from `data_dir`. Every problem is
// reported at once (InvalidInput, one "file:line:column: message" per line): the project file's
// own errors, accelerators the catalogue does not know, and pinned versions not installed.
Result<ProjectContext> LoadProjectContext(const std::filesystem::path& dir_or_file,
                                          const std::filesystem::path& data_dir);

// The same, keeping what did load when there are problems (in `status`; NotFound or Io when the
// project file could not be read at all), so that a command can go on to read the project's other
// inputs and report their errors in the same round.
// `law`, when given, chooses law versions instead of those gpaikit.yaml pins, by LawVersion key
// ("code_of_practice" -> "2025-07"; "" for the newest installed): `check --law-from`.
ProjectContext LoadProjectContextPartly(const std::filesystem::path& dir_or_file,
                                        const std::filesystem::path& data_dir, Status& status,
                                        const std::map<std::string, std::string>& law = {});

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_CONTEXT_H_
