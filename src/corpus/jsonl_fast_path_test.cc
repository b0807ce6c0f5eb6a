// Tests of the JSONL fast path: the string-body scanner against RFC 8259 section 7 and simdjson's
// stage-1 checks, and the reader giving exactly the same records and issues with it as without.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "corpus/corpus_test_util.h"
#include "corpus/json_string_scan.h"
#include "corpus/jsonl_transcript.h"

namespace gpaikit::corpus {
namespace {

using testing::JsonlTranscript;

struct BodyCase {
  std::string body;  // the bytes after the opening quote
  bool ok;
  size_t length;
  uint64_t unescaped;
};

TEST(JsonStringBody, FindsTheClosingQuoteAndCountsUnescapedUtf8) {
  const std::string long_ascii(100, 'a');
  const std::vector<BodyCase> cases = {
      {"\"", true, 0, 0},
      {"abc\", \"x\"", true, 3, 3},
      {long_ascii + "\"", true, 100, 100},
      {"a\\\"b\\\\\"", true, 6, 4},                             // \" and \\ stand for one byte each
      {"\\u00e9\\u20ac\\ud83d\\ude00\"", true, 24, 2 + 3 + 4},  // 2-, 3-byte and a pair
      {"\\ud83d\"", true, 6, 3},                                // a lone surrogate: U+FFFD
      {"\\u12\"4\"", true, 4, 3},  // not 4 hex digits: the quote ends it
      {"caf\xc3\xa9 " + long_ascii + "\"", true, 106, 106},
      {"a\nb\"", false, 0, 0},                     // unescaped control character
      {"a\\\tb\"", false, 0, 0},                   // escaped control character
      {"\xc3(" + long_ascii + "\"", false, 0, 0},  // invalid UTF-8
      {long_ascii, false, 0, 0},                   // no closing quote within reach
      {"abc\\", false, 0, 0},
  };
  for (bool simd : {true, false}) {
    for (const BodyCase& c : cases) {
      std::string padded = c.body + std::string(64, 'z');  // readable, but past `limit`
      JsonStringBody got = ScanJsonStringBody(padded.data(), c.body.size(), simd);
      EXPECT_EQ(got.ok, c.ok) << c.body << " simd " << simd;
      if (!c.ok || !got.ok) continue;
      EXPECT_EQ(got.length, c.length) << c.body;
      EXPECT_EQ(got.unescaped_bytes, c.unescaped) << c.body;
      EXPECT_EQ(UnescapedLength(std::string_view(c.body).substr(0, c.length)), c.unescaped);
    }
  }
}

// Lines the fast path takes and lines it must hand to the full parse: either way the reader's
// records and issues are the same (and the fast path did take some lines).
const std::vector<std::string>& TrickyLines() {
  static const std::vector<std::string> lines = {
      R"({"text":"plain","url":"https://a.example/x","date":"2024-01-02"})",
      R"({"text": "spaced \"quote\" and \\ and \u00e9\ud83d\ude00", "token_count": 7})",
      R"({"id":"1","text":"after id","metadata":{"url":"https://b.example/"}})",
      R"({"meta":{"text":"nested first"},"text":"top level","url":"https://c.example/"})",
      R"({"title":"\"text\":\"inside a string\"","text":"real"})",
      R"({"a":"text","text":"key as a value first"})",
      R"({"text":"first","text":"duplicate"})",
      R"({"text":42})",
      R"({"text":"unterminated})",
      "{\"text\":\"raw\ttab\"}",
      "{\"text\":\"escaped \\\x01 control\"}",
      "{\"text\":\"bad \xff byte\"}",
      "{\"text\":\"ok\",\"url\":\"bad \xff byte\"}",
      R"({"text":"ok","url":5})",
      R"({"text":"ok","url":"https://d.example/\u0041"})",
      R"({"text":"ok","token_count":-3})",
      R"({"text":"ok"} trailing)",
      R"({"text":"ok",})",
      R"({"text":"no url"})",
      R"({"body":"no text field"})",
      "{\"text\":\"crlf\"}\r",
      "{\"text\":\"trailing blanks\"}  \t",
      "  {\"text\":\"leading blanks\"}",
      "",
      "[\"not an object\"]",
      R"({"text":"split \
line"})",
      R"({"text" : "colon spaced" , "url" : "https://e.example/"})",
      R"({"text":"unicode key next","t\u0065xt":"escaped key"})",
      "{\"" + std::string(5000, 'k') + "\":1,\"text\":\"key beyond the search\"}",
      "{\"text\":\"" + std::string(70000, 'x') + "\"}",
  };
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

TEST(JsonlFastPath, SameRecordsAndIssuesAsTheFullParse) {
  for (const std::string& line : TrickyLines()) {
    for (const std::string& file : {line + "\n", line}) {  // with and without a final newline
      EXPECT_EQ(JsonlTranscript(file, true), JsonlTranscript(file, false)) << file;
    }
  }
  std::string all = Join(TrickyLines());
  uint64_t fast = 0;
  std::string with = JsonlTranscript(all, true, 4 << 20, &fast);
  EXPECT_EQ(with, JsonlTranscript(all, false));
  EXPECT_GE(fast, 10u) << with;
  // Compressed, and through a small window, so lines cross the decoder's refills.
  for (const std::string& file : {testing::Gzip(all), testing::Zstd(all)}) {
    EXPECT_EQ(JsonlTranscript(file, true), with);
  }
  EXPECT_EQ(JsonlTranscript(all, true, 1 << 20), JsonlTranscript(all, false, 1 << 20));
}

// Random lines from fragments that stress quoting, escapes, UTF-8 and structure.
TEST(JsonlFastPath, RandomLinesMatchTheFullParse) {
  const std::vector<std::string> fragments = {"a",
                                              " ",
                                              "\\\"",
                                              "\\\\",
                                              "\\n",
                                              "\\u00e9",
                                              "\\ud83d\\ude00",
                                              "\\ud83d",
                                              "\\u12",
                                              "\"",
                                              "\\",
                                              "\xc3\xa9",
                                              "\xe2\x82\xac",
                                              "\xf0\x9f\x98\x80",
                                              "\xc3",
                                              "\xff",
                                              "\t",
                                              "\x01",
                                              "\"text\":",
                                              ",\"text\":\"",
                                              "{",
                                              "}",
                                              "[",
                                              "]",
                                              ":",
                                              ",",
                                              "\"url\":\"https://x.example/\"",
                                              std::string(40, 'b')};
  std::mt19937 rng(20261127);
  std::string file;
  for (int n = 0; n < 3000; ++n) {
    std::string body;
    int pieces = static_cast<int>(rng() % 12);
    for (int i = 0; i < pieces; ++i) body += fragments[rng() % fragments.size()];
    switch (rng() % 4) {
      case 0:
        file += "{\"text\":\"" + body + "\"}\n";
        break;
      case 1:
        file += "{\"id\":" + std::to_string(n) + ",\"text\":\"" + body + "\",\"url\":\"https://r" +
                std::to_string(n % 7) + ".example/\"}\n";
        break;
      case 2:
        file += "{\"text\":\"ok " + std::to_string(n) + "\"," + body + "}\n";
        break;
      default:
        file += "{" + body + "\"text\":\"" + body + "\"}\n";
        break;
    }
  }
  uint64_t fast = 0;
  std::string with = JsonlTranscript(file, true, 4 << 20, &fast);
  EXPECT_EQ(with, JsonlTranscript(file, false));
  EXPECT_GT(fast, 300u);
}

// Found by jsonl_reader_fuzzer (a 10-minute run): a gzip member whose stream is cut, followed by
// bytes that are not gzip; the fast path and the full parse must report the same.
TEST(JsonlFastPath, CutGzipMemberReportsTheSameBothWays) {
  const unsigned char bytes[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0xff, 0xff, 0xeb, 0xeb,
                                 0xeb, 0xeb, 0x1f, 0x08, 0x8b, 0xeb, 0xf1, 0xf5, 0xff, 0x0a,
                                 0x08, 0x00, 0x00, 0x00, 0xff, 0xff, 0xeb, 0xeb, 0xff, 0xff};
  std::string input(reinterpret_cast<const char*>(bytes), sizeof bytes);
  EXPECT_EQ(JsonlTranscript(input, true), JsonlTranscript(input, false));
}

}  // namespace
}  // namespace gpaikit::corpus
