// Tests of the training-content summary template loader: every field of spec section 3.2 in
// order, the size buckets at their boundaries (template 1.3) and the top-domains rule (template
// 2.3, footnote 16).
#include "gpaikit/law/summary_template.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "gpaikit/base/files.h"

namespace gpaikit::law::summary {
namespace {

Template Shipped() {
  Result<Template> loaded = LoadSummaryTemplate(DataDir());
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? *loaded : Template{};
}

// Spec section 3.2: every label of the template, in order (header, then 1.1 to 3.3).
TEST(SummaryTemplateTest, HasEveryFieldOfTheTemplateInOrder) {
  Template form = Shipped();
  ASSERT_EQ(form.header_fields.size(), 2u);
  EXPECT_EQ(form.header_fields[0].label, "Version of the Summary:");
  EXPECT_EQ(form.header_fields[1].label, "Last update:");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"1.1", "Provider name and contact details:"},
      {"1.1", "Authorised representative name and contact details:"},
      {"1.2", "Versioned model name(s):"},
      {"1.2", "Model dependencies:"},
      {"1.2", "Date of placement of the model on the Union market:"},
      {"1.3", "Modality / Training data size / Types of content"},
      {"1.3", "Latest date of data acquisition/collection for model training:"},
      {"1.3", "Description of the linguistic characteristics of the overall training data:"},
      {"1.3", "Other relevant characteristics of the overall training data:"},
      {"1.3", "Additional comments (optional):"},
      {"2.1", "Have you used publicly available datasets to train the model?"},
      {"2.1",
       "If yes, specify the modality(ies) of the content covered by the datasets "
       "concerned:"},
      {"2.1", "List of large publicly available datasets:"},
      {"2.1", "General description of other publicly available datasets not listed above:"},
      {"2.1", "Additional comments (optional):"},
      {"2.2.1",
       "Have you concluded transactional commercial licensing agreement(s) with "
       "rightsholder(s) or with their representatives?"},
      {"2.2.1",
       "If yes, specify the modality(ies) of the content covered by the datasets "
       "concerned:"},
      {"2.2.1", "Additional comments (optional):"},
      {"2.2.2",
       "Have you obtained private datasets from third parties that are not licensed as "
       "described in Section 2.2.1, such as data obtained from providers of private "
       "databases, or data intermediaries?"},
      {"2.2.2",
       "If yes, specify the modality(ies) of the content covered by the datasets "
       "concerned:"},
      {"2.2.2", "If publicly known, list private datasets obtained from other third parties:"},
      {"2.2.2",
       "General description of non-publicly known private datasets obtained from third "
       "parties"},
      {"2.2.2", "Additional comments (optional):"},
      {"2.3", "Were crawlers used by the provider or on behalf of?"},
      {"2.3", "If yes, specify crawler name(s)/identifier(s):"},
      {"2.3", "Purposes of the crawler(s):"},
      {"2.3", "General description of crawler behaviour:"},
      {"2.3", "Period of data collection:"},
      {"2.3", "Comprehensive description of the type of content and online sources crawled:"},
      {"2.3", "Type of modality covered:"},
      {"2.3", "Summary of the most relevant domain names crawled:"},
      {"2.3", "Additional comments (optional):"},
      {"2.4",
       "Was data from user interactions with the AI model (e.g. user input and prompts) "
       "used to train the model?"},
      {"2.4",
       "Was data collected from user interactions with the provider's other services or "
       "products used to train the model?"},
      {"2.4",
       "If yes, provide a general description of the provider's services or products "
       "that were used to collect the user data:"},
      {"2.4", "Type of modality covered:"},
      {"2.4", "Additional comments (optional):"},
      {"2.5",
       "Was synthetic AI-generated data created by the provider or on their behalf to "
       "train the model?"},
      {"2.5", "If yes, modality of the synthetic data:"},
      {"2.5",
       "If yes, specify the general-purpose AI model(s) used to generate the synthetic "
       "data if available on the market:"},
      {"2.5",
       "Information about other AI models, including provider's own AI model(s) not "
       "available on the market, used to generate synthetic data to train the model to "
       "which this Summary applies:"},
      {"2.5", "Additional comments (optional):"},
      {"2.6",
       "Have data sources other than those described in Sections 2.1 to 2.5 been used to "
       "train the model?"},
      {"2.6", "If yes, provide a narrative description of these data sources and the data:"},
      {"2.6", "Additional comments (optional):"},
      {"3.1",
       "Are you a Signatory to the Code of Practice for general-purpose AI models that "
       "includes commitments to respect reservations of rights from the TDM exception or "
       "limitation?"},
      {"3.1",
       "Describe the measures implemented before model training to respect reservations "
       "of rights from the TDM exception or limitation before and during data collection, "
       "including the opt-out protocols and solutions honoured by the provider or, as "
       "applicable, by third parties from which datasets have been obtained:"},
      {"3.1", "Additional comments (optional):"},
      {"3.2", "General description of measures taken:"},
      {"3.3", "Other relevant information about data processing (optional):"}};
  ASSERT_EQ(form.fields.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(form.fields[i].section, expected[i].first) << i;
    EXPECT_EQ(form.fields[i].label, expected[i].second) << i;
  }
  EXPECT_EQ(form.sections.size(), 17u);
  EXPECT_EQ(form.FindSection("2.2.1")->title,
            "Datasets commercially licensed by rightsholders or their representatives");
}

// Spec 3.1 "Who": the authorised representative only for providers outside the Union (Art. 54);
// model dependencies for modifiers (Guidelines 3.2.1); optional comments are optional.
TEST(SummaryTemplateTest, WhoFillsWhat) {
  Template form = Shipped();
  EXPECT_EQ(form.FindField("authorised_representative")->applies_to, "non-eu");
  EXPECT_EQ(form.FindField("model_dependencies")->applies_to, "modifiers");
  EXPECT_TRUE(form.FindField("crawl_comments")->optional);
  EXPECT_FALSE(form.FindField("illegal_content")->optional);
  EXPECT_EQ(form.FindField("top_domains")->when, std::vector<std::string>{"crawl_used"});
  EXPECT_EQ(form.modifiers.provenance.source, "Guidelines section 3.2.1");
}

// Template 1.3: "Less than 1 billion", "1 billion to 10 trillion", "More than 10 trillion".
TEST(SummaryTemplateTest, TextBucketBoundaries) {
  Template form = Shipped();
  const ModalitySizes* text = form.FindSizes("text");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->unit, "tokens");
  EXPECT_EQ(text->BucketFor(999'999'999)->label, "Less than 1 billion tokens");
  EXPECT_EQ(text->BucketFor(1e9)->label, "1 billion to 10 trillion tokens");
  EXPECT_EQ(text->BucketFor(1e13)->label, "1 billion to 10 trillion tokens");
  EXPECT_EQ(text->BucketFor(1e13 + 1e3)->label, "More than 10 trillion tokens");
  EXPECT_EQ(text->BucketFor(0)->label, "Less than 1 billion tokens");
  EXPECT_EQ(text->BucketFor(-1), nullptr);
  EXPECT_EQ(text->buckets[1].aliases, std::vector<std::string>{"1billion to 10 trillions tokens"});
}

TEST(SummaryTemplateTest, ImageAudioVideoBucketBoundaries) {
  Template form = Shipped();
  EXPECT_EQ(form.FindSizes("image")->BucketFor(1e6)->label, "1 million to 1 billion images");
  EXPECT_EQ(form.FindSizes("image")->BucketFor(1e9 + 1)->label, "More than 1 billion images");
  EXPECT_EQ(form.FindSizes("audio")->BucketFor(9999.5)->label, "Less than 10 000 hours");
  EXPECT_EQ(form.FindSizes("audio")->BucketFor(1e4)->label, "10 000 to 1 million hours");
  EXPECT_EQ(form.FindSizes("video")->BucketFor(1e6)->label, "10 000 to 1 million hours");
  EXPECT_EQ(form.FindSizes("other")->BucketFor(5), nullptr);
}

// Template 2.3 footnote 16: top 10%; SMEs top 5% or 1 000, whichever is lower (UNVERIFIED);
// gpaikit rounds up (its own reading, rounding_verified: unverified).
TEST(SummaryTemplateTest, TopDomainCountRoundsUpAndCapsForSmes) {
  Template form = Shipped();
  const TopDomainRule& rule = form.top_domains;
  EXPECT_EQ(rule.Count(25, false), 3);  // 2.5 -> 3
  EXPECT_EQ(rule.Count(30, false), 3);  // exactly 3
  EXPECT_EQ(rule.Count(31, false), 4);
  EXPECT_EQ(rule.Count(1, false), 1);
  EXPECT_EQ(rule.Count(0, false), 0);
  EXPECT_EQ(rule.Count(25, true), 2);            // 1.25 -> 2
  EXPECT_EQ(rule.Count(40, true), 2);            // exactly 2
  EXPECT_EQ(rule.Count(19'999, true), 1000);     // 999.95 -> 1000
  EXPECT_EQ(rule.Count(1'000'000, true), 1000);  // 50 000 capped at 1 000
  EXPECT_EQ(rule.Count(1'000'000, false), 100'000);
  // Template 2.3 footnote 16: the smaller list is for SMEs including start-ups; no source extends
  // it to small mid-caps (the Digital Omnibus's wording is UNVERIFIED, spec §0).
  EXPECT_TRUE(rule.IsSme("sme"));
  EXPECT_FALSE(rule.IsSme("small-mid-cap"));
  EXPECT_FALSE(rule.IsSme("large"));
  EXPECT_EQ(rule.sme_verified, "unverified");
  EXPECT_EQ(form.update_months, 6);
  EXPECT_EQ(form.update_cadence.provenance.verified, "unverified");
}

TEST(SummaryTemplateTest, BadFileNamesLineAndColumn) {
  std::filesystem::path file = std::filesystem::temp_directory_path() / "bad-summary-template.yaml";
  {
    std::ofstream out(file);
    out << "schema: gpaikit.form.training-content-summary/1\nform: x\ntitle: t\n"
           "instrument: i\nsource: s\nverified: maybe\n";
  }
  Result<Template> loaded = LoadTemplate(file);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("bad-summary-template.yaml:6:11"), std::string::npos)
      << loaded.status().message();
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace gpaikit::law::summary
