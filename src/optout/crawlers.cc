// Loads the AI-crawler registry (data/crawlers.yaml) with exact error locations.
#include "gpaikit/optout/crawlers.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "gpaikit/base/files.h"

namespace gpaikit::optout {
namespace {

std::string Where(const std::string& file, const YAML::Mark& mark) {
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": ";
}

bool ValidToken(std::string_view token) {
  if (token.empty()) return false;
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '_'; });
}

const std::set<std::string>& KnownPurposes() {
  static const std::set<std::string> purposes = {"training", "search", "user-triggered", "agent",
                                                 "unknown"};
  return purposes;
}

Status ReadCrawler(const YAML::Node& node, const std::string& file, Crawler* crawler) {
  if (!node.IsMap()) return Status::InvalidInput(Where(file, node.Mark()) + "expected a mapping");
  auto text = [&](const char* key, std::string* out, bool required) -> Status {
    const YAML::Node value = node[key];
    if (!value) {
      if (!required) return Status::Ok();
      return Status::InvalidInput(Where(file, node.Mark()) + "expected '" + key + ":'");
    }
    if (!value.IsScalar()) {
      return Status::InvalidInput(Where(file, value.Mark()) + "expected a string for '" + key +
                                  "'");
    }
    *out = value.as<std::string>();
    return Status::Ok();
  };
  for (auto [key, out, required] :
       {std::tuple{"name", &crawler->name, true}, std::tuple{"token", &crawler->token, true},
        std::tuple{"operator", &crawler->operator_name, false},
        std::tuple{"function", &crawler->function, false},
        std::tuple{"source", &crawler->source, true},
        std::tuple{"verified", &crawler->verified, true}}) {
    Status status = text(key, out, required);
    if (!status.ok()) return status;
  }
  crawler->line = static_cast<uint32_t>(node.Mark().line + 1);
  if (!ValidToken(crawler->token)) {
    return Status::InvalidInput(Where(file, node["token"].Mark()) +
                                "expected a lowercase RFC 9309 product token ([a-z_-]+), got '" +
                                crawler->token + "'");
  }
  if (const YAML::Node exact = node["token_exact"]) crawler->token_exact = exact.as<bool>(true);
  const YAML::Node purposes = node["purposes"];
  if (!purposes || !purposes.IsSequence() || purposes.size() == 0) {
    return Status::InvalidInput(Where(file, node.Mark()) +
                                "expected 'purposes:' with training, search, user-triggered, "
                                "agent or unknown");
  }
  for (const YAML::Node& purpose : purposes) {
    std::string value = purpose.as<std::string>("");
    if (KnownPurposes().count(value) == 0) {
      return Status::InvalidInput(Where(file, purpose.Mark()) +
                                  "expected training, search, user-triggered, agent or unknown, "
                                  "got '" +
                                  value + "'");
    }
    crawler->purposes.push_back(value);
  }
  const YAML::Node honours = node["honours_robots"];
  if (honours && !honours.IsNull()) {
    std::string value = honours.as<std::string>("");
    if (value != "true" && value != "false") {
      return Status::InvalidInput(Where(file, honours.Mark()) +
                                  "expected true, false or null for 'honours_robots'");
    }
    crawler->honours_robots = value == "true";
  }
  return Status::Ok();
}

}  // namespace

bool Crawler::HasPurpose(std::string_view purpose) const {
  return std::find(purposes.begin(), purposes.end(), purpose) != purposes.end();
}

std::filesystem::path CrawlerRegistry::DefaultPath() { return DataDir() / "crawlers.yaml"; }

Result<CrawlerRegistry> CrawlerRegistry::Load(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  CrawlerRegistry registry;
  registry.file_ = path.string();
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& error) {
    return Status::InvalidInput(Where(registry.file_, error.mark) + error.msg);
  }
  try {
    const YAML::Node crawlers = root["crawlers"];
    if (!root.IsMap() || !crawlers || !crawlers.IsSequence()) {
      return Status::InvalidInput(registry.file_ + ":1:1: expected a mapping with 'crawlers:'");
    }
    for (const YAML::Node& node : crawlers) {
      Crawler crawler;
      Status status = ReadCrawler(node, registry.file_, &crawler);
      if (!status.ok()) return status;
      registry.crawlers_.push_back(std::move(crawler));
    }
  } catch (const YAML::Exception& error) {
    return Status::InvalidInput(Where(registry.file_, error.mark) + error.msg);
  }
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
