// Tests of a `corpus filter` run that its stop check cancels (issue 15): between files and
// within a file, the previous outputs stay in place byte for byte, nothing is left aside, and
// the run says it was cancelled; a run that is not cancelled replaces them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "corpus/corpus_test_util.h"
#include "gpaikit/base/files.h"
#include "gpaikit/corpus/audit_setup.h"

namespace gpaikit::corpus {
namespace {

using testing::TempDir;

// `count` JSONL documents, every other one on pirate.example.
std::string Documents(int count) {
  std::string lines;
  for (int i = 0; i < count; ++i) {
    std::string url = (i % 2 == 0 ? "https://pirate.example/" : "https://own.example/");
    url.append(std::to_string(i));
    lines.append(nlohmann::json{{"text", "document"}, {"url", url}}.dump()).append("\n");
  }
  return lines;
}

// The file's bytes, "missing" when it cannot be read.
std::string Contents(const std::filesystem::path& path) {
  Result<std::string> bytes = ReadFile(path);
  return bytes.ok() ? *bytes : std::string("missing");
}

struct Outputs {
  std::string a, b, manifest;
  bool operator==(const Outputs&) const = default;
};

Outputs Read(const std::filesystem::path& out) {
  return {Contents(out / "a.jsonl"), Contents(out / "b.jsonl"), Contents(out / "removed.jsonl")};
}

TEST(FilterCancel, ACancelledRunLeavesThePreviousOutputInPlace) {
  TempDir dir;
  dir.Write("in/a.jsonl", Documents(600));  // stop checks at its records 256 and 512
  dir.Write("in/b.jsonl", Documents(4));
  FilterJob job;
  job.inputs = {dir.path() / "in"};
  job.out = dir.path() / "out";
  job.audit.blocklists = {dir.Write("list.txt", "# version: 1\npirate.example\n")};
  Result<FilterResult> first = RunFilterJob(job);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE(first->cancelled);
  EXPECT_EQ(first->kept, 302u);
  const Outputs previous = Read(job.out);
  ASSERT_NE(previous.a, "missing");

  // With own.example listed too, a complete run would keep nothing. Each run below is stopped
  // at one more check than the one before, until a run passes all its checks.
  dir.Write("list.txt", "# version: 2\npirate.example\nown.example\n");
  int checks = 0, stop_at = 0;
  job.stop = [&] { return ++checks == stop_at; };
  for (stop_at = 1; stop_at < 20; ++stop_at) {
    SCOPED_TRACE("stopped at check " + std::to_string(stop_at));
    checks = 0;
    Result<FilterResult> run = RunFilterJob(job);
    ASSERT_TRUE(run.ok()) << run.status().message();
    if (!run->cancelled) break;
    EXPECT_EQ(checks, stop_at) << "no check after the one that said stop";
    EXPECT_TRUE(Read(job.out) == previous) << "the previous output was written over";
    EXPECT_FALSE(std::filesystem::exists(job.out / ".gpaikit-partial"));
    if (stop_at == 1) {
      EXPECT_EQ(run->kept + run->removed, 0u);  // before the first file
    } else if (stop_at == 2) {
      EXPECT_EQ(run->removed, 255u);  // at a.jsonl's record 256
    }
  }
  // Checks before a.jsonl, at its records 256 and 512, before b.jsonl and before the outputs
  // are moved into place: five cancelled runs, then one that completes.
  EXPECT_EQ(stop_at, 6);
  EXPECT_EQ(checks, 5);
  Outputs now = Read(job.out);
  EXPECT_EQ(now.a, "");
  EXPECT_EQ(now.b, "");
  EXPECT_NE(now.manifest, previous.manifest);
  EXPECT_FALSE(std::filesystem::exists(job.out / ".gpaikit-partial"));
}

TEST(FilterCancel, WhatAKilledRunLeftAsideIsClearedAndNeverUsed) {
  TempDir dir;
  dir.Write("in/a.jsonl", Documents(4));
  dir.Write("out/.gpaikit-partial/a.jsonl", "half a line from a killed run");
  FilterJob job;
  job.inputs = {dir.path() / "in"};
  job.out = dir.path() / "out";
  job.audit.blocklists = {dir.Write("list.txt", "# version: 1\npirate.example\n")};
  Result<FilterResult> run = RunFilterJob(job);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->kept, 2u);
  std::string kept;  // the own.example lines of Documents(4)
  for (int i : {1, 3}) {
    std::string url = "https://own.example/" + std::to_string(i);
    kept.append(nlohmann::json{{"text", "document"}, {"url", url}}.dump()).append("\n");
  }
  EXPECT_EQ(Contents(job.out / "a.jsonl"), kept);
  EXPECT_FALSE(std::filesystem::exists(job.out / ".gpaikit-partial"));
}

// The manifest is moved into place under its name like the outputs: an input of that name (named
// on the command line; a folder's removed.jsonl is never read as corpus) is refused.
TEST(FilterCancel, AnInputNamedLikeTheManifestIsRefused) {
  TempDir dir;
  FilterJob job;
  job.inputs = {dir.Write("in/removed.jsonl", Documents(2))};
  job.out = dir.path() / "out";
  job.audit.blocklists = {dir.Write("list.txt", "# version: 1\npirate.example\n")};
  Result<FilterResult> run = RunFilterJob(job);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(run.status().message().find("in/removed.jsonl: an input named removed.jsonl"),
            std::string::npos)
      << run.status().message();
  EXPECT_FALSE(std::filesystem::exists(job.out));
}

}  // namespace
}  // namespace gpaikit::corpus
