// Conformance of the robots.txt matcher with ../shared/conformance/robots (RFC 9309 reference).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/optout/robots.h"
#include "robots_reference_match.h"

namespace gpaikit::optout {
namespace {

namespace fs = std::filesystem;

// The shared folder beside the repository (CI checks it out there); GPAIKIT_SHARED_DIR overrides.
fs::path SharedDir() {
  if (const char* env = std::getenv("GPAIKIT_SHARED_DIR")) return env;
  return GPAIKIT_SHARED_DIR;
}

std::string ReadFile(const fs::path& path) {
  if (path.extension() == ".gz") {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) return {};
    std::string data;
    char buffer[1 << 16];
    int n;
    while ((n = gzread(file, buffer, sizeof(buffer))) > 0) data.append(buffer, buffer + n);
    gzclose(file);
    return data;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Outcome {
  size_t cases = 0, agree = 0;
  std::set<std::string> disagreeing;       // "spec/cases.tsv:194"
  std::vector<std::string> disagreements;  // the first few, explained, for the failure message
};

// The cases docs/robots-divergences.md lists as deliberate divergences: table rows that start
// with "| spec/cases.tsv:LINE" or "| realworld/cases.tsv.gz:LINE".
std::set<std::string> DocumentedDivergences() {
  std::set<std::string> cases;
  std::ifstream in(fs::path(GPAIKIT_SOURCE_DIR) / "docs/robots-divergences.md");
  std::string line;
  while (std::getline(in, line)) {
    for (std::string_view prefix : {"| spec/cases.tsv:", "| realworld/cases.tsv.gz:"}) {
      if (!line.starts_with(prefix)) continue;
      size_t end = line.find(' ', 2);
      cases.insert(line.substr(2, end - 2));
    }
  }
  return cases;
}

// Runs every case of `case_file` (columns: robots file, agent, URL, expected 1/0 [, kind]).
Outcome RunCases(const fs::path& case_file, const RobotsParseOptions& options) {
  Outcome outcome;
  std::string data = ReadFile(case_file);
  std::map<std::string, RobotsPolicy, std::less<>> policies;
  std::string_view rest = data;
  size_t line_number = 0;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++line_number;
    if (line.empty()) continue;
    std::string_view columns[5];
    size_t count = 0;
    while (count < 5) {
      size_t tab = line.find('\t');
      columns[count++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    EXPECT_GE(count, 4u) << case_file << ":" << line_number << ": expected 4 or 5 columns";
    if (count < 4) continue;
    auto it = policies.find(columns[0]);
    if (it == policies.end()) {
      fs::path robots = case_file.parent_path() / std::string(columns[0]);
      EXPECT_TRUE(fs::exists(robots)) << case_file << ":" << line_number << ": missing " << robots;
      it = policies.emplace(std::string(columns[0]), RobotsPolicy::Parse(ReadFile(robots), options))
               .first;
    }
    bool expected = columns[3] == "1";
    RobotsMatch match = it->second.Check(columns[1], columns[2]);
    ++outcome.cases;
    if (match.allowed == expected) {
      ++outcome.agree;
      continue;
    }
    outcome.disagreeing.insert(case_file.parent_path().filename().string() + "/" +
                               case_file.filename().string() + ":" + std::to_string(line_number));
    if (outcome.disagreements.size() < 20) {
      outcome.disagreements.push_back(
          case_file.filename().string() + ":" + std::to_string(line_number) + ": " +
          std::string(columns[0]) + " agent=" + std::string(columns[1]) +
          " url=" + std::string(columns[2]) + " expected " + std::string(columns[3]) + ", got " +
          it->second.Explain(match));
    }
  }
  return outcome;
}

// Every case agrees with the reference verdict except the documented divergences.
void ExpectFullAgreement(const fs::path& case_file, size_t expected_cases,
                         const RobotsParseOptions& options) {
  ASSERT_TRUE(fs::exists(case_file))
      << "conformance case file " << case_file
      << " not found: check out the shared folder beside the repository or set GPAIKIT_SHARED_DIR";
  Outcome outcome = RunCases(case_file, options);
  std::string report;
  for (const std::string& line : outcome.disagreements) report += line + "\n";
  std::string prefix =
      case_file.parent_path().filename().string() + "/" + case_file.filename().string() + ":";
  std::set<std::string> documented;
  for (const std::string& name : DocumentedDivergences()) {
    if (name.starts_with(prefix)) documented.insert(name);
  }
  EXPECT_EQ(outcome.cases, expected_cases);
  EXPECT_EQ(outcome.disagreeing, documented)
      << "disagreements differ from docs/robots-divergences.md:\n"
      << report;
  std::printf("%s: %zu of %zu cases agree with the reference; %zu documented divergences\n",
              case_file.string().c_str(), outcome.agree, outcome.cases, documented.size());
}

// RFC 9309 sections 2.1-2.2.3: Google's language-independent compliance suite.
TEST(RobotsConformance, SpecCases) {
  ExpectFullAgreement(SharedDir() / "conformance/robots/spec/cases.tsv", 400, {});
}

// RFC 9309 section 2.2.2 on 4,231 real robots.txt files (reference verdicts).
TEST(RobotsConformance, RealWorldCases) {
  ExpectFullAgreement(SharedDir() / "conformance/robots/realworld/cases.tsv.gz", 412951, {});
}

// RFC 9309 section 2.5 and robustness: every real-world file, a truncated and a byte-flipped copy
// of each parse without crashing, with memory bounded by the parsed size, and the two matching
// paths (Check and ForAgent) agree with each other and with trying every rule.
TEST(RobotsConformance, RealWorldFilesTruncatedAndFlipped) {
  fs::path folder = SharedDir() / "conformance/robots/realworld/robots";
  ASSERT_TRUE(fs::exists(folder)) << folder << " not found (set GPAIKIT_SHARED_DIR)";
  size_t files = 0, worst_ratio_bytes = 0;
  double worst_ratio = 0;
  std::string scratch;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::string body = ReadFile(entry.path());
    std::string truncated = body.substr(0, body.size() / 2);
    std::string flipped = body;
    for (size_t i = 7; i < flipped.size(); i += 97) flipped[i] = static_cast<char>(~flipped[i]);
    for (const std::string* variant : {&body, &truncated, &flipped}) {
      RobotsPolicy policy = RobotsPolicy::Parse(*variant);
      ASSERT_LE(policy.parsed_bytes(), kRobotsDefaultMaxBytes);
      // Bounded memory: linear in the parsed bytes (at most 16 heap bytes per body byte + 16 KiB;
      // files of one-line groups are the worst case).
      size_t memory = policy.MemoryBytes();
      ASSERT_LE(memory, 16 * policy.parsed_bytes() + 16384) << entry.path();
      double ratio = policy.parsed_bytes() ? double(memory) / double(policy.parsed_bytes()) : 0;
      if (policy.parsed_bytes() > 4096 && ratio > worst_ratio) {
        worst_ratio = ratio;
        worst_ratio_bytes = policy.parsed_bytes();
      }
      for (const char* agent : {"GPTBot", "Googlebot", "*"}) {
        RobotsAgentRules rules = policy.ForAgent(agent);
        for (const char* url : {"/", "/search?q=1", "/wp-admin/x.php", "/%E3%83%84"}) {
          RobotsMatch a = policy.Check(agent, url);
          RobotsMatch b = rules.Match(url, &scratch);
          ASSERT_EQ(a.allowed, b.allowed) << entry.path() << " " << agent << " " << url;
          ASSERT_EQ(a.rule, b.rule) << entry.path() << " " << agent << " " << url;
          // The compiled first-match order against trying every rule.
          RobotsMatch c = testing::ReferenceMatch(policy, agent, url);
          ASSERT_EQ(a.allowed, c.allowed) << entry.path() << " " << agent << " " << url;
          ASSERT_EQ(a.rule, c.rule) << entry.path() << " " << agent << " " << url;
          ASSERT_EQ(a.reason, c.reason) << entry.path() << " " << agent << " " << url;
        }
      }
    }
    ++files;
  }
  EXPECT_EQ(files, 4231u);
  std::printf(
      "parsed %zu files x 3 variants; worst memory %.1f bytes per parsed byte (%zu-byte "
      "body)\n",
      files, worst_ratio, worst_ratio_bytes);
}

}  // namespace
}  // namespace gpaikit::optout
