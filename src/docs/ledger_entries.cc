// Documentation versions and downstream requests folded from the ledger (Code of Practice,
// Transparency, Measure 1.1 "keep previous versions", 1.2(4) answers within 14 days, 1.3
// integrity).
#include "gpaikit/docs/ledger_entries.h"

namespace gpaikit::docs {
namespace {

using nlohmann::json;

Result<json> ParseContent(const store::Entry& entry) {
  json content = json::parse(entry.content, nullptr, false);
  if (content.is_discarded() || !content.is_object()) {
    return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + " (" + entry.kind +
                                "): content is not a JSON object");
  }
  return content;
}

std::string Text(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

void Diff(const json& a, const json& b, const std::string& path, std::vector<std::string>& out) {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      std::string child = path.empty() ? it.key() : path + "." + it.key();
      if (b.contains(it.key())) {
        Diff(it.value(), b[it.key()], child, out);
      } else {
        out.push_back(child + ": " + it.value().dump() + " -> (absent)");
      }
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key())) {
        out.push_back((path.empty() ? it.key() : path + "." + it.key()) + ": (absent) -> " +
                      it.value().dump());
      }
    }
  } else if (a != b) {
    out.push_back(path + ": " + a.dump() + " -> " + b.dump());
  }
}

}  // namespace

Result<std::vector<PublishedVersion>> PublishedVersions(const store::Ledger& ledger,
                                                        const std::string& model,
                                                        const char* kind) {
  Result<std::vector<store::Entry>> entries = ledger.Entries(kind, model);
  if (!entries.ok()) return entries.status();
  std::vector<PublishedVersion> out;
  for (const store::Entry& entry : *entries) {
    if (entry.kind != kind) continue;  // Entries() matches kinds by prefix
    Result<json> content = ParseContent(entry);
    if (!content.ok()) return content.status();
    PublishedVersion version;
    version.seq = entry.seq;
    version.hash = entry.hash;
    version.number = content->value("version", 0);
    version.model = entry.subject;
    version.time = entry.time;
    version.author = entry.author;
    version.note = Text(*content, "note");
    version.retain_until = Text(*content, "retain_until");
    version.content = std::move(*content);
    out.push_back(std::move(version));
  }
  return out;
}

Result<PublishedVersion> PublishVersion(store::Ledger& ledger, const std::string& model,
                                        const json& documentation, const json& rendered,
                                        const std::string& note, const std::string& author,
                                        const std::string& retain_until, const char* kind) {
  // The number is taken inside the write transaction: two publishes at once get 4 and 5.
  auto build = [&](const store::Ledger& now) -> Result<store::Draft> {
    Result<std::vector<PublishedVersion>> earlier = PublishedVersions(now, model, kind);
    if (!earlier.ok()) return earlier.status();
    json content = {{"version", static_cast<int>(earlier->size()) + 1},
                    {"note", note},
                    {"retain_until", retain_until},
                    {"documentation", documentation},
                    {"rendered", rendered}};
    // dump() without indentation sorts keys and adds no spaces: canonical JSON.
    return store::Draft{model, content.dump()};
  };
  Result<store::Entry> entry = ledger.Append(kind, author, build);
  if (!entry.ok()) return entry.status();
  Result<std::vector<PublishedVersion>> now = PublishedVersions(ledger, model, kind);
  if (!now.ok()) return now.status();
  for (const PublishedVersion& version : *now) {
    if (version.seq == entry->seq) return version;
  }
  return Status::Internal("published entry " + std::to_string(entry->seq) + " not read back");
}

Result<std::vector<Request>> Requests(const store::Ledger& ledger) {
  Result<std::vector<store::Entry>> entries = ledger.Entries("request.");
  if (!entries.ok()) return entries.status();
  std::vector<Request> out;
  for (const store::Entry& entry : *entries) {
    Result<json> content = ParseContent(entry);
    if (!content.ok()) return content.status();
    if (entry.kind == kRequestOpenKind) {
      Request request;
      request.number = static_cast<int>(out.size()) + 1;
      request.seq = entry.seq;
      request.from = Text(*content, "from");
      request.model = Text(*content, "model");
      request.subject = Text(*content, "subject");
      auto received = CivilDate::Parse(Text(*content, "received"));
      auto due = CivilDate::Parse(Text(*content, "due"));
      if (!received || !due) {
        return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) +
                                    ": request without valid 'received' and 'due' dates");
      }
      request.received = *received;
      request.due = *due;
      out.push_back(std::move(request));
    } else if (entry.kind == kRequestAnswerKind) {
      int number = content->value("request", 0);
      if (number < 1 || number > static_cast<int>(out.size())) {
        return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) +
                                    ": answer to unknown request " + std::to_string(number));
      }
      out[number - 1].answered = CivilDate::Parse(Text(*content, "answered"));
      out[number - 1].answer_note = Text(*content, "note");
    }
  }
  return out;
}

namespace {

// The request opened by ledger entry `seq`, or numbered `number`, as folded from `ledger`.
Result<Request> RequestOfEntry(const store::Ledger& ledger, int64_t seq, int number) {
  Result<std::vector<Request>> after = Requests(ledger);
  if (!after.ok()) return after.status();
  for (const Request& request : *after) {
    if (request.seq == seq || request.number == number) return request;
  }
  return Status::Internal("request entry " + std::to_string(seq) + " not read back");
}

}  // namespace

Result<Request> AddRequest(store::Ledger& ledger, const std::string& from, const std::string& model,
                           const std::string& subject, const CivilDate& received, int answer_days,
                           const std::string& author) {
  json content = {{"from", from},
                  {"model", model},
                  {"subject", subject},
                  {"received", received.ToString()},
                  {"due", received.AddDays(answer_days).ToString()},
                  {"answer_days", answer_days}};
  // The number is taken inside the write transaction: concurrent adds never share one.
  auto build = [&](const store::Ledger& now) -> Result<store::Draft> {
    Result<std::vector<Request>> before = Requests(now);
    if (!before.ok()) return before.status();
    return store::Draft{"request/" + std::to_string(before->size() + 1), content.dump()};
  };
  Result<store::Entry> entry = ledger.Append(kRequestOpenKind, author, build);
  if (!entry.ok()) return entry.status();
  return RequestOfEntry(ledger, entry->seq, 0);
}

Result<Request> AnswerRequest(store::Ledger& ledger, int number, const CivilDate& answered,
                              const std::string& note, const std::string& author) {
  // Checked inside the write transaction: two answers at once cannot both pass.
  auto build = [&](const store::Ledger& now) -> Result<store::Draft> {
    Result<std::vector<Request>> requests = Requests(now);
    if (!requests.ok()) return requests.status();
    if (number < 1 || number > static_cast<int>(requests->size())) {
      return Status::NotFound("no request " + std::to_string(number) + " (there are " +
                              std::to_string(requests->size()) + ")");
    }
    const Request& request = (*requests)[number - 1];
    if (request.answered) {
      return Status::InvalidInput("request " + std::to_string(number) + " was answered on " +
                                  request.answered->ToString());
    }
    if (answered < request.received) {
      return Status::InvalidInput("answer date " + answered.ToString() +
                                  " is before the request was received (" +
                                  request.received.ToString() + ")");
    }
    json content = {{"request", number}, {"answered", answered.ToString()}, {"note", note}};
    return store::Draft{"request/" + std::to_string(number), content.dump()};
  };
  Result<store::Entry> entry = ledger.Append(kRequestAnswerKind, author, build);
  if (!entry.ok()) return entry.status();
  return RequestOfEntry(ledger, -1, number);
}

std::vector<std::string> DiffJson(const json& a, const json& b) {
  std::vector<std::string> out;
  Diff(a, b, "", out);
  return out;
}

std::vector<Request> RequestsAsOf(const std::vector<Request>& requests, const CivilDate& as_of) {
  std::vector<Request> out;
  for (const Request& request : requests) {
    if (as_of < request.received) continue;
    Request then = request;
    if (then.answered && as_of < *then.answered) {
      then.answered.reset();
      then.answer_note.clear();
    }
    out.push_back(std::move(then));
  }
  return out;
}

std::vector<PublishedVersion> VersionsAsOf(const std::vector<PublishedVersion>& versions,
                                           const CivilDate& as_of) {
  std::vector<PublishedVersion> out;
  for (const PublishedVersion& version : versions) {
    std::optional<CivilDate> day = CivilDate::Parse(version.time.substr(0, 10));
    if (!day || *day <= as_of) out.push_back(version);
  }
  return out;
}

}  // namespace gpaikit::docs
