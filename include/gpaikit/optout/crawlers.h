// The AI-crawler registry (data/crawlers.yaml): product tokens, operators, purposes, robots.txt.
#ifndef GPAIKIT_OPTOUT_CRAWLERS_H_
#define GPAIKIT_OPTOUT_CRAWLERS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::optout {

// One crawler (Code of Practice, Copyright, Measure 1.3: which crawlers are used, their robots.txt
// features; the audit policy asks robots.txt about every registered training crawler).
struct Crawler {
  std::string name;         // as its operator writes it ("GPTBot", "MistralAI-User/1.0")
  std::string token;        // RFC 9309 product token, lowercase ("gptbot")
  bool token_exact = true;  // false when `name` has characters a product token cannot hold
  std::string operator_name;
  std::vector<std::string> purposes;   // training, search, user-triggered, agent, unknown
  std::optional<bool> honours_robots;  // documented to follow robots.txt; nullopt: not documented
  std::string function;                // the source's description of its function
  std::string source;                  // where the facts come from
  std::string verified;                // primary | secondary | unverified
  uint32_t line = 0;                   // line of the entry in the registry file

  bool HasPurpose(std::string_view purpose) const;
};

class CrawlerRegistry {
 public:
  // Loads a registry file; errors name the file, line:column and what was expected.
  static Result<CrawlerRegistry> Load(const std::filesystem::path& path);
  // data/crawlers.yaml in gpaikit's data folder (GPAIKIT_DATA_DIR or the source tree).
  static std::filesystem::path DefaultPath();

  // Crawlers whose product token equals `token` (case-insensitive).
  std::vector<const Crawler*> Find(std::string_view token) const;
  // Distinct product tokens of crawlers with purpose `purpose`, in registry order.
  std::vector<std::string> TokensWithPurpose(std::string_view purpose) const;

  const std::vector<Crawler>& crawlers() const { return crawlers_; }
  const std::string& file() const { return file_; }

 private:
  std::vector<Crawler> crawlers_;
  std::string file_;
};

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_CRAWLERS_H_
