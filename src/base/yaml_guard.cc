// YAML text checks run before yaml-cpp loads a file (issue 14): UTF-8, depth, aliases, duplicates.
#include "base/yaml_guard.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "gpaikit/base/text.h"

namespace gpaikit {
namespace {

// Reports the first byte that is not UTF-8, at its line and column (in characters); false then.
bool CheckUtf8(std::string_view text, Diagnostics& diagnostics) {
  YAML::Mark mark;
  mark.line = 0;
  mark.column = 0;
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      mark.pos = static_cast<int>(i);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      diagnostics.Error(mark, std::string("invalid UTF-8 byte ") + hex + " at byte offset " +
                                  std::to_string(i) + " (expected text encoded as UTF-8)");
      return false;
    }
    if (text[i] == '\n') {
      ++mark.line;
      mark.column = 0;
    } else {
      ++mark.column;
    }
    i += length;
  }
  return true;
}

// Thrown by the handler to stop parsing at the first error that makes the rest meaningless.
struct StopParsing {};

// Follows the event stream: the depth, and for each open mapping the keys seen so far.
class GuardHandler : public YAML::EventHandler {
 public:
  explicit GuardHandler(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Leaf(mark, "~"); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    diagnostics_.Error(mark,
                       "aliases (*name) are not accepted: write the value out (an alias can refer "
                       "to itself or expand a small file into gigabytes)");
    Leaf(mark, "");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    Leaf(mark, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(mark, false);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(mark, true);
  }
  void OnMapEnd() override { Close(); }

  const YAML::Mark& document_start() const { return document_start_; }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;                      // maps alternate key, value
    std::map<std::string, YAML::Mark> keys;  // scalar keys seen, with where
  };

  // A scalar, null or alias: a key when the innermost frame is a map waiting for one.
  void Leaf(const YAML::Mark& mark, const std::string& value) {
    if (frames_.empty() || !frames_.back().map) return;
    Frame& frame = frames_.back();
    if (frame.at_key) {
      auto [it, inserted] = frame.keys.emplace(value, mark);
      if (!inserted) {
        SourceLocation first = diagnostics_.At(it->second);
        diagnostics_.Error(mark, "key '" + value + "' is given twice in this mapping (first at " +
                                     std::to_string(first.line) + ":" +
                                     std::to_string(first.column) + "); keep one");
      }
    }
    frame.at_key = !frame.at_key;
  }
  void Open(const YAML::Mark& mark, bool map) {
    if (!frames_.empty() && frames_.back().map) frames_.back().at_key = !frames_.back().at_key;
    if (static_cast<int>(frames_.size()) >= kMaxYamlDepth) {
      diagnostics_.Error(mark, "nesting deeper than " + std::to_string(kMaxYamlDepth) +
                                   " levels (expected a gpaikit file: a few levels of mappings "
                                   "and lists)");
      throw StopParsing{};
    }
    frames_.push_back(Frame{map, true, {}});
  }
  void Close() {
    if (!frames_.empty()) frames_.pop_back();
  }

  Diagnostics& diagnostics_;
  std::vector<Frame> frames_;
  YAML::Mark document_start_;
};

}  // namespace

void CheckYamlText(std::string_view text, Diagnostics& diagnostics) {
  if (!CheckUtf8(text, diagnostics)) return;
  std::istringstream stream{std::string(text)};
  GuardHandler handler(diagnostics);
  try {
    // One document, as YAML::Load reads; a second is refused rather than silently ignored. Never
    // a loop over documents: on a ',' outside any flow collection yaml-cpp 0.7 returns the same
    // empty document forever without consuming it (crosswalk_fuzzer found "- a\n,").
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(handler) && parser.HandleNextDocument(handler)) {
      diagnostics.Error(handler.document_start(),
                        "a second YAML document starts here (expected one document per file; "
                        "remove the '---' or the stray text)");
    }
  } catch (const StopParsing&) {
  } catch (const YAML::Exception& error) {
    diagnostics.Error(error.mark, "invalid YAML: " + error.msg);
  }
}

}  // namespace gpaikit
