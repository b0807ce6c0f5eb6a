// gpaikit.yaml's `copyright:` and `corpus_filter:` sections (docs/project-file.md; Code of
// Practice, Copyright, Measures 1.2 and 1.3): relative paths, each checked where it is written.
#include "project/copyright_parser.h"

#include "gpaikit/base/files.h"

namespace gpaikit::project {
namespace {

// The path list under `key` (one string is a one-element list); each must stay inside the
// project folder (CheckRelativePath), else an error at the element.
std::vector<std::string> RelativePaths(MapReader& section, std::string_view key, bool required) {
  std::vector<std::string> paths = section.StringList(key, {}, required);
  YAML::Node node = section.Get(key);
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string where = section.PathOf(key);
    if (node.IsSequence()) where.append("[").append(std::to_string(i)).append("]");
    Status checked = CheckRelativePath(paths[i], where);
    if (!checked.ok()) {
      section.diagnostics().Error(node.IsSequence() ? node[i].Mark() : node.Mark(),
                                  checked.message());
    }
  }
  return paths;
}

// One relative path under `key`, "" when absent.
std::string RelativePath(MapReader& section, std::string_view key, bool required) {
  std::optional<std::string> path = section.String(key, required);
  if (!path) return "";
  Status checked = CheckRelativePath(*path, section.PathOf(key));
  if (!checked.ok()) section.diagnostics().Error(section.MarkOf(key), checked.message());
  return *path;
}

}  // namespace

void ParseCopyrightSections(MapReader& reader, Project& project) {
  if (std::optional<MapReader> copyright =
          reader.Section("copyright", {"blocklists"}, project.copyright.at)) {
    project.copyright.blocklists = RelativePaths(*copyright, "blocklists", false);
  }
  CorpusFilterJob job;
  if (std::optional<MapReader> filter =
          reader.Section("corpus_filter", {"inputs", "robots", "out"}, job.at)) {
    job.inputs = RelativePaths(*filter, "inputs", true);
    job.robots = RelativePath(*filter, "robots", false);
    job.out = RelativePath(*filter, "out", true);
    if (filter->valid() && job.robots.empty() && project.copyright.blocklists.empty()) {
      filter->diagnostics().Error(filter->node().Mark(),
                                  "corpus_filter: needs robots (a snapshots folder) or "
                                  "copyright.blocklists, or both");
    }
    project.corpus_filter = std::move(job);
  }
}

}  // namespace gpaikit::project
