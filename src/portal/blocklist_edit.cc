// The desk's blocklist change (Code of Practice, Copyright, Measure 1.2): entered lines parsed
// with optout::Blocklist's syntax, de-duplicated against the list, appended under a comment.
#include "portal/blocklist_edit.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

#include "gpaikit/optout/blocklist.h"

namespace gpaikit::portal {
namespace {

std::string_view TrimSpace(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// "line N: <message>" (built by append: GCC 12 -O3 warns falsely on "literal" + std::string).
Status AtLine(uint32_t number, std::string_view message) {
  std::string text("line ");
  text.append(std::to_string(number)).append(": ").append(message);
  return Status::InvalidInput(text);
}

// "line N: ..." from optout::Blocklist's "<file>:N: ..." for the entered text.
Status LineError(const Status& status, std::string_view file) {
  std::string message = status.message();
  if (message.starts_with(file) && message.size() > file.size() && message[file.size()] == ':') {
    message = std::string("line ").append(message.substr(file.size() + 1));
  }
  return Status::InvalidInput(message);
}

// The next version: a whole number plus one; "" for a text that is not a whole number.
std::string NextVersion(std::string_view version) {
  unsigned long long number = 0;
  auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (error != std::errc() || end != version.data() + version.size()) return "";
  return std::to_string(number + 1);
}

}  // namespace

Result<BlocklistAddition> PlanBlocklistAddition(std::string_view existing, std::string_view file,
                                                std::string_view entered, std::string_view tracking,
                                                std::string_view day, std::string_view staff) {
  constexpr std::string_view kEntered = "entered";
  // Line by line first: a comment would set the list's metadata, which only the desk writes.
  uint32_t number = 0;
  size_t count = 0;
  for (std::string_view rest = entered; !rest.empty();) {
    size_t end = rest.find('\n');
    std::string_view line = TrimSpace(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++number;
    if (line.empty()) continue;
    if (line.starts_with('#') || line.find(" #") != std::string_view::npos) {
      return AtLine(number,
                    "expected a domain, '*.domain' or a URL with scheme; comments are not "
                    "accepted here (the desk writes the list's comments)");
    }
    if (++count > kMaxBlocklistEntriesPerAction) {
      return AtLine(number, "at most " + std::to_string(kMaxBlocklistEntriesPerAction) +
                                " entries at a time");
    }
  }
  if (count == 0) return AtLine(1, "expected at least one URL or domain");
  Result<optout::Blocklist> wanted = optout::Blocklist::Parse(entered, std::string(kEntered));
  if (!wanted.ok()) return LineError(wanted.status(), kEntered);
  Result<optout::Blocklist> listed = optout::Blocklist::Parse(existing, std::string(file));
  if (!listed.ok()) return listed.status();

  std::set<std::pair<optout::BlocklistMatch, std::string>> known;
  for (const optout::BlocklistEntry& entry : listed->entries()) {
    known.emplace(entry.match, entry.value);
  }
  BlocklistAddition addition;
  for (const optout::BlocklistEntry& entry : wanted->entries()) {
    if (known.emplace(entry.match, entry.value).second) {
      addition.added.push_back(entry.text);
    } else {
      addition.already_listed.push_back(entry.text);
    }
  }
  addition.version = listed->version();
  if (addition.added.empty()) return addition;

  // The header: "# version:" moves on, so that a filter's manifest names the list as changed.
  std::string next = addition.version.empty() ? "1" : NextVersion(addition.version);
  std::string text;
  bool replaced = false;
  for (std::string_view rest = existing; !rest.empty();) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    std::string_view body = TrimSpace(line);
    // Every "# version:" line (the list reader takes the last one) gets the new version.
    if (!next.empty() && body.starts_with('#')) {
      std::string_view comment = TrimSpace(body.substr(1));
      std::string key(comment.substr(0, std::min(comment.find(':'), comment.size())));
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (TrimSpace(key) == "version" && comment.find(':') != std::string_view::npos) {
        text.append("# version: ").append(next).append("\n");
        replaced = true;
        continue;
      }
    }
    text.append(line).append("\n");
  }
  if (!next.empty() && !replaced) text.insert(0, std::string("# version: ").append(next) + "\n");
  if (!next.empty()) addition.version = next;
  text.append("# ").append(tracking).append(" ").append(day).append(" ").append(staff);
  text.append("\n");
  for (const std::string& entry : addition.added) text.append(entry).append("\n");
  addition.text = std::move(text);
  return addition;
}

}  // namespace gpaikit::portal
