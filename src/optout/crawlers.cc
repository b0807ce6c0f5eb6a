// Loads the AI-crawler registry (data/crawlers.yaml) through the strict YAML reader: unknown keys
// with suggestions, file:line:column, every problem at once.
#include "gpaikit/optout/crawlers.h"

#include <algorithm>

#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"

namespace gpaikit::optout {
namespace {

constexpr std::string_view kPurposes[] = {"training", "search", "user-triggered", "agent",
                                          "unknown"};

bool ValidToken(std::string_view token) {
  if (token.empty()) return false;
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '_'; });
}

// One entry of `crawlers:`; every problem goes to `diagnostics`.
Crawler ReadCrawler(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  Crawler crawler;
  MapReader map(node, path, diagnostics,
                {"name", "token", "token_exact", "operator", "purposes", "honours_robots",
                 "function", "source", "verified"});
  crawler.line = static_cast<uint32_t>(node.Mark().line + 1);
  if (!map.valid()) return crawler;
  crawler.name = map.String("name", true).value_or("");
  crawler.token = map.String("token", true).value_or("");
  if (map.Has("token") && !ValidToken(crawler.token)) {
    diagnostics.Error(map.MarkOf("token"),
                      map.PathOf("token") +
                          ": expected a lowercase RFC 9309 product token ([a-z_-]+), got '" +
                          crawler.token + "'");
  }
  crawler.token_exact = map.Bool("token_exact").value_or(true);
  crawler.operator_name = map.String("operator").value_or("");
  crawler.purposes = map.StringList("purposes", kPurposes, /*required=*/true);
  if (map.Has("purposes") && map.Get("purposes").IsSequence() && map.Get("purposes").size() == 0) {
    diagnostics.Error(map.MarkOf("purposes"), map.PathOf("purposes") +
                                                  ": expected at least one of training, search, "
                                                  "user-triggered, agent or unknown");
  }
  crawler.honours_robots = map.Bool("honours_robots");  // null: not documented
  crawler.function = map.String("function").value_or("");
  crawler.source = map.String("source", true).value_or("");
  crawler.verified =
      map.Choice("verified", {"primary", "secondary", "unverified"}, true).value_or("");
  return crawler;
}

}  // namespace

bool Crawler::HasPurpose(std::string_view purpose) const {
  return std::find(purposes.begin(), purposes.end(), purpose) != purposes.end();
}

std::filesystem::path CrawlerRegistry::DefaultPath() { return DataDir() / "crawlers.yaml"; }

Result<CrawlerRegistry> CrawlerRegistry::Load(const std::filesystem::path& path) {
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  CrawlerRegistry registry;
  registry.file_ = path.string();
  Diagnostics diagnostics(registry.file_);
  MapReader map(*root, "", diagnostics, {"schema", "source", "crawlers"});
  map.Choice("schema", {"gpaikit.crawlers/1"});
  map.String("source");
  YAML::Node crawlers = map.Sequence("crawlers", /*required=*/true);
  for (size_t i = 0; i < crawlers.size(); ++i) {
    registry.crawlers_.push_back(
        ReadCrawler(crawlers[i], "crawlers[" + std::to_string(i) + "]", diagnostics));
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return registry;
}

std::vector<const Crawler*> CrawlerRegistry::Find(std::string_view token) const {
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::vector<const Crawler*> found;
  for (const Crawler& crawler : crawlers_) {
    if (crawler.token == lower) found.push_back(&crawler);
  }
  return found;
}

std::vector<std::string> CrawlerRegistry::TokensWithPurpose(std::string_view purpose) const {
  std::vector<std::string> tokens;
  for (const Crawler& crawler : crawlers_) {
    if (!crawler.HasPurpose(purpose)) continue;
    if (std::find(tokens.begin(), tokens.end(), crawler.token) == tokens.end()) {
      tokens.push_back(crawler.token);
    }
  }
  return tokens;
}

}  // namespace gpaikit::optout
