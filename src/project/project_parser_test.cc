// Tests for gpaikit.yaml parsing: a full file, and each kind of bad file with its documented error
// (docs/project-file.md "Errors").
#include <gtest/gtest.h>

#include "gpaikit/project/project.h"

namespace gpaikit::project {
namespace {

constexpr const char* kMinimal = R"(gpaikit: 1
provider:
  legal_name: Example AI SAS
  contact: compliance@example.eu
  established_in_eu: true
models:
  - id: ex-7b
    name: Example 7B
    modalities: {input: [text], output: [text, code]}
    parameters: {total: 7.2B}
    release_date: 2025-09-15
    union_market_date: 2025-09-15
    compute:
      runs:
        - stage: pre-training
          tokens: 2T
        - stage: synthetic-data
          hardware:
            - {accelerator: h100, count: 64, hours: 100, utilization: 0.4}
)";

std::string ErrorOf(const std::string& text) {
  Result<Project> project = ParseProject(text, "p.yaml");
  EXPECT_FALSE(project.ok()) << "expected an error for:\n" << text;
  return project.ok() ? "" : project.status().message();
}

TEST(ProjectParserTest, ParsesAMinimalProject) {
  Result<Project> project = ParseProject(kMinimal, "p.yaml");
  ASSERT_TRUE(project.ok()) << project.status().message();
  ASSERT_EQ(project->models.size(), 1u);
  const Model& model = project->models[0];
  EXPECT_EQ(model.id, "ex-7b");
  EXPECT_DOUBLE_EQ(*model.parameters_total, 7.2e9);
  EXPECT_EQ(model.output_modalities, (std::vector<std::string>{"text", "code"}));
  ASSERT_EQ(model.runs.size(), 2u);
  EXPECT_EQ(model.runs[0].method, ComputeMethod::kArchitecture);
  EXPECT_DOUBLE_EQ(*model.runs[0].tokens, 2e12);
  EXPECT_EQ(model.runs[1].method, ComputeMethod::kHardware);
  EXPECT_EQ(model.runs[1].hardware[0].location.line, 19);
  EXPECT_EQ(model.union_market_date->ToString(), "2025-09-15");
  EXPECT_TRUE(project->provider.established_in_eu);
}

// Code of Practice, Copyright, Measures 1.2 and 1.3: the blocklist files and the corpus filter
// job the staff desk re-runs (docs/project-file.md "copyright", "corpus_filter").
TEST(ProjectParserTest, ReadsBlocklistsAndTheCorpusFilterJob) {
  std::string text = std::string(kMinimal) +
                     "copyright:\n  blocklists: [lists/infringing.txt, extra.txt]\n"
                     "corpus_filter:\n  inputs: [corpus/sample]\n  robots: corpus/robots\n"
                     "  out: corpus/filtered\n";
  Result<Project> project = ParseProject(text, "p.yaml");
  ASSERT_TRUE(project.ok()) << project.status().message();
  EXPECT_EQ(project->copyright.blocklists,
            (std::vector<std::string>{"lists/infringing.txt", "extra.txt"}));
  ASSERT_TRUE(project->corpus_filter.has_value());
  EXPECT_EQ(project->corpus_filter->inputs, std::vector<std::string>{"corpus/sample"});
  EXPECT_EQ(project->corpus_filter->robots, "corpus/robots");
  EXPECT_EQ(project->corpus_filter->out, "corpus/filtered");
  EXPECT_EQ(project->corpus_filter->at.line, 23);
  EXPECT_FALSE(ParseProject(kMinimal, "p.yaml")->corpus_filter.has_value());
}

TEST(ProjectParserTest, CopyrightPathsMustStayInsideTheProjectFolder) {
  std::string error =
      ErrorOf(std::string(kMinimal) + "copyright:\n  blocklists: [ok.txt, ../outside.txt]\n");
  EXPECT_NE(error.find("p.yaml:21:"), std::string::npos) << error;
  EXPECT_NE(error.find("copyright.blocklists[1]"), std::string::npos) << error;
  error = ErrorOf(std::string(kMinimal) +
                  "copyright:\n  blocklists: x.txt\ncorpus_filter:\n  inputs: [c]\n"
                  "  out: /tmp/out\n");
  EXPECT_NE(error.find("p.yaml:24:8"), std::string::npos) << error;
  EXPECT_NE(error.find("corpus_filter.out"), std::string::npos) << error;
}

TEST(ProjectParserTest, AFilterJobNeedsRobotsOrABlocklistAndItsKeys) {
  std::string error =
      ErrorOf(std::string(kMinimal) + "corpus_filter:\n  inputs: [c]\n  out: filtered\n");
  EXPECT_NE(error.find("p.yaml:21:"), std::string::npos) << error;
  EXPECT_NE(error.find("needs robots"), std::string::npos) << error;
  error = ErrorOf(std::string(kMinimal) + "corpus_filter:\n  robots: r\n");
  EXPECT_NE(error.find("corpus_filter.inputs: required key is missing"), std::string::npos)
      << error;
  EXPECT_NE(error.find("corpus_filter.out: required key is missing"), std::string::npos) << error;
}

TEST(ProjectParserTest, SyntaxErrorNamesLineAndColumn) {
  std::string error = ErrorOf("gpaikit: 1\nprovider: [unclosed\n");
  EXPECT_NE(error.find("p.yaml:3:"), std::string::npos) << error;
  EXPECT_NE(error.find("invalid YAML"), std::string::npos) << error;
}

TEST(ProjectParserTest, UnknownKeySuggestsNearestValidKey) {
  std::string text = kMinimal;
  text.replace(text.find("release_date"), 12, "relase_date");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("p.yaml:11:5: models[0].relase_date: unknown key; did you mean "
                       "'release_date'?"),
            std::string::npos)
      << error;
}

TEST(ProjectParserTest, MissingRequiredKeyIsNamed) {
  std::string text = kMinimal;
  text.replace(text.find("  contact: compliance@example.eu\n"), 33, "");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("provider.contact: required key is missing"), std::string::npos) << error;
}

TEST(ProjectParserTest, WrongTypesNameWhatWasExpected) {
  std::string text = kMinimal;
  text.replace(text.find("2025-09-15"), 10, "2025-02-30");
  text.replace(text.find("7.2B"), 4, "seven");
  text.replace(text.find("established_in_eu: true"), 23, "established_in_eu: yes");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("p.yaml:11:19: models[0].release_date: expected a real calendar date "
                       "YYYY-MM-DD, got '2025-02-30'"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("models[0].parameters.total: expected a non-negative number"),
            std::string::npos);
  EXPECT_NE(error.find("provider.established_in_eu: expected true or false, got 'yes'"),
            std::string::npos);
}

TEST(ProjectParserTest, UnknownModalityAndStageSuggestAlternatives) {
  std::string text = kMinimal;
  text.replace(text.find("output: [text, code]"), 20, "output: [txt]");
  text.replace(text.find("stage: pre-training"), 19, "stage: pretraining");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("models[0].modalities.output[0]: 'txt' is not one of"), std::string::npos)
      << error;
  EXPECT_NE(error.find("did you mean 'text'?"), std::string::npos);
  EXPECT_NE(error.find("did you mean 'pre-training'?"), std::string::npos);
}

TEST(ProjectParserTest, ComputeRunNeedsExactlyOneMethod) {
  std::string text = kMinimal;
  text.replace(text.find("          tokens: 2T\n"), 21,
               "          tokens: 2T\n          flop: 1e23\n");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("models[0].compute.runs[0]: give exactly one estimation method"),
            std::string::npos)
      << error;
}

TEST(ProjectParserTest, UtilisationOutOfRangeAndDuplicateIds) {
  std::string text = kMinimal;
  text.replace(text.find("utilization: 0.4"), 16, "utilization: 40");
  text += "  - id: ex-7b\n    name: Again\n    modalities: {input: [text], output: [text]}\n";
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("utilization: expected a number from"), std::string::npos) << error;
  EXPECT_NE(error.find("models[1].id: duplicate model id 'ex-7b'"), std::string::npos) << error;
}

TEST(ProjectParserTest, FormatVersionAndEmptyFile) {
  std::string text = kMinimal;
  text.replace(0, 10, "gpaikit: 2");
  EXPECT_NE(ErrorOf(text).find("unsupported format version 2"), std::string::npos);
  EXPECT_NE(ErrorOf("").find("empty project file"), std::string::npos);
  EXPECT_NE(ErrorOf("- a\n- b\n").find("expected a mapping"), std::string::npos);
  EXPECT_NE(ErrorOf("gpaikit: 99999999999999999999\n").find("expected a whole number"),
            std::string::npos);
}

TEST(ProjectParserTest, ReportsEveryErrorAtOnce) {
  std::string text = kMinimal;
  text.replace(text.find("release_date"), 12, "relase_date");
  text.replace(text.find("7.2B"), 4, "seven");
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("relase_date"), std::string::npos);
  EXPECT_NE(error.find("parameters.total"), std::string::npos);
}

// Issue 14: an id names output files; before, "../x" or "/tmp/x" wrote anywhere on disk.
TEST(ProjectParserTest, ModelIdsThatCannotNameAFileAreRefusedWithTheirPlace) {
  for (const char* bad : {"../../escape", "/tmp/abs", "a/b", "..", ".hidden", "has space"}) {
    std::string text = kMinimal;
    text.replace(text.find("id: ex-7b"), 9, std::string("id: \"") + bad + "\"");
    std::string error = ErrorOf(text);
    EXPECT_NE(error.find(std::string("p.yaml:7:9: models[0].id: '") + bad + "' cannot name a file"),
              std::string::npos)
        << error;
  }
}

// Issue 14: {file: ...} values were read from anywhere (../../secret.md, /etc/hostname).
TEST(ProjectParserTest, DocumentationFilesOutsideTheProjectAreRefusedWithTheirPlace) {
  std::string text = kMinimal;
  text +=
      "    documentation:\n      \"2.1\": {file: ../../secret.md}\n"
      "      \"2.2\": {file: /etc/hostname}\n      \"2.3\": {file: docs/ok.md}\n";
  std::string error = ErrorOf(text);
  EXPECT_NE(error.find("p.yaml:21:21: models[0].documentation.2.1.file '../../secret.md': '..' "
                       "would leave the folder"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("p.yaml:22:21: models[0].documentation.2.2.file '/etc/hostname': expected "
                       "a relative path"),
            std::string::npos)
      << error;
  EXPECT_EQ(error.find("ok.md"), std::string::npos) << error;
}

TEST(ProjectParserTest, MissingProjectFolderSaysHowToStart) {
  Result<Project> project = LoadProject("/nonexistent-gpaikit-dir");
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.status().code(), StatusCode::kNotFound);
  EXPECT_NE(project.status().message().find("gpaikit init"), std::string::npos);
}

// A crawler's IP ranges (Code of Practice, Copyright, Measure 1.3; docs/project-file.md): CIDR
// ranges are kept, anything else is refused with the file, place and what was expected.
std::string WithCrawler(const std::string& ranges) {
  return std::string(kMinimal) + R"(    training_data:
      crawling:
        used: true
        crawlers:
          - {name: ExBot, purpose: "pre-training text", ip_ranges: )" +
         ranges + "}\n";
}

TEST(ProjectParserTest, CrawlerIpRangesInCidrNotation) {
  Result<Project> project =
      ParseProject(WithCrawler("[192.0.2.0/24, \"2001:db8::/32\", 198.51.100.7/32]"), "p.yaml");
  ASSERT_TRUE(project.ok()) << project.status().message();
  const CrawlerFacts& crawler = project->models[0].training_data->crawling.crawlers.at(0);
  EXPECT_EQ(crawler.name, "ExBot");
  EXPECT_EQ(crawler.description, "pre-training text");
  EXPECT_EQ(crawler.ip_ranges,
            (std::vector<std::string>{"192.0.2.0/24", "2001:db8::/32", "198.51.100.7/32"}));
}

TEST(ProjectParserTest, CrawlerIpRangeThatIsNotCidrIsRefused) {
  for (const char* bad : {"192.0.2.0", "192.0.2.1/24", "192.0.2.0/33", "300.0.2.0/24",
                          "2001:db8::/129", "192.0.2.0/024", "example.com/24"}) {
    std::string error = ErrorOf(WithCrawler(std::string("[\"") + bad + "\"]"));
    EXPECT_NE(error.find("p.yaml:24:69: models[0].training_data.crawling.crawlers[0]."),
              std::string::npos)
        << bad << ": " << error;
    EXPECT_NE(error.find("ip_ranges[0]: expected an IP range in CIDR notation"), std::string::npos)
        << bad << ": " << error;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace gpaikit::project
