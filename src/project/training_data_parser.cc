// Parses `training_data:` (docs/project-file.md): summary version, stats files, per-modality
// facts and the data-source sections 2.1 to 3.3 of the training-content summary template.
#include "project/training_data_parser.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>

#include "gpaikit/base/files.h"

namespace gpaikit::project {
namespace {

// The modalities of the template's section 1.3 table and its tick boxes.
constexpr std::array<std::string_view, 5> kModalities = {"text", "image", "audio", "video",
                                                         "other"};

std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Text inline, or {file: PATH} naming a Markdown file in the project folder.
Narrative ReadNarrative(MapReader& reader, std::string_view key) {
  Narrative narrative;
  if (!reader.Has(key)) return narrative;
  YAML::Node node = reader.Get(key);
  narrative.location = reader.diagnostics().At(node.Mark());
  if (node.IsMap()) {
    MapReader file(node, reader.PathOf(key), reader.diagnostics(), {"file"});
    narrative.file = file.String("file", true).value_or("");
    if (Status relative = CheckRelativePath(narrative.file, file.PathOf("file"));
        !narrative.file.empty() && !relative.ok()) {
      reader.diagnostics().Error(
          file.MarkOf("file"),
          relative.message() + " (expected a Markdown file inside the project folder)");
    }
  } else {
    narrative.text = reader.String(key).value_or("");
  }
  return narrative;
}

std::vector<NamedSource> ReadNamed(MapReader& reader, std::string_view key,
                                   std::string_view description_key) {
  std::vector<NamedSource> out;
  YAML::Node list = reader.Sequence(key);
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].IsScalar()) {
      out.push_back({list[i].Scalar(), "", ""});
      continue;
    }
    MapReader entry(list[i], At(reader.PathOf(key), i), reader.diagnostics(),
                    {"name", "url", description_key});
    out.push_back({entry.String("name", true).value_or(""), entry.String("url").value_or(""),
                   entry.String(description_key).value_or("")});
  }
  return out;
}

// True when `text` is an IP range in CIDR notation: an IPv4 or IPv6 address, "/", a prefix length
// (0-32 or 0-128) without leading zeros, and no address bits set beyond the prefix.
bool IsCidr(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos || slash + 1 == text.size()) return false;
  std::string address = text.substr(0, slash);
  std::string_view length_text = std::string_view(text).substr(slash + 1);
  if (length_text.size() > 1 && length_text[0] == '0') return false;
  unsigned length = 0;
  auto [end, error] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (error != std::errc() || end != length_text.data() + length_text.size()) return false;
  std::array<unsigned char, 16> bytes{};
  size_t size = 0;
  if (inet_pton(AF_INET, address.c_str(), bytes.data()) == 1) {
    size = 4;
  } else if (inet_pton(AF_INET6, address.c_str(), bytes.data()) == 1) {
    size = 16;
  } else {
    return false;
  }
  if (length > size * 8) return false;
  for (size_t bit = length; bit < size * 8; ++bit) {
    if (bytes[bit / 8] & (0x80 >> (bit % 8))) return false;
  }
  return true;
}

// `crawlers:` entries: a product token alone, or {name, url, purpose, ip_ranges}.
std::vector<CrawlerFacts> ReadCrawlers(MapReader& reader) {
  std::vector<CrawlerFacts> out;
  YAML::Node list = reader.Sequence("crawlers");
  for (size_t i = 0; i < list.size(); ++i) {
    CrawlerFacts crawler;
    if (list[i].IsScalar()) {
      crawler.name = list[i].Scalar();
      out.push_back(std::move(crawler));
      continue;
    }
    MapReader entry(list[i], At(reader.PathOf("crawlers"), i), reader.diagnostics(),
                    {"name", "url", "purpose", "ip_ranges"});
    crawler.name = entry.String("name", true).value_or("");
    crawler.url = entry.String("url").value_or("");
    crawler.description = entry.String("purpose").value_or("");
    crawler.ip_ranges = entry.StringList("ip_ranges");
    YAML::Node ranges = entry.Get("ip_ranges");
    for (size_t r = 0; r < crawler.ip_ranges.size(); ++r) {
      if (!IsCidr(crawler.ip_ranges[r])) {
        reader.diagnostics().Error(
            ranges.IsSequence() ? ranges[r].Mark() : ranges.Mark(),
            At(entry.PathOf("ip_ranges"), r) +
                ": expected an IP range in CIDR notation such as 192.0.2.0/24 "
                "or 2001:db8::/32 (no bits set after the prefix), got '" +
                crawler.ip_ranges[r] + "'");
      }
    }
    out.push_back(std::move(crawler));
  }
  return out;
}

// A data-source section: `used`, `modalities`, and where `allowed` lists them a named list
// (`list_key`), a description (`description_key`) and `comments`.
SourceFacts ReadSource(MapReader& parent, std::string_view key,
                       std::initializer_list<std::string_view> allowed, std::string_view list_key,
                       std::string_view description_key) {
  SourceFacts facts;
  std::optional<MapReader> section = parent.Section(key, allowed, facts.location);
  if (!section) return facts;
  MapReader& reader = *section;
  facts.used = reader.Bool("used", true);
  facts.modalities = reader.StringList("modalities", kModalities);
  if (!list_key.empty()) facts.listed = ReadNamed(reader, list_key, "description");
  if (!description_key.empty()) facts.description = ReadNarrative(reader, description_key);
  facts.comments = ReadNarrative(reader, "comments");
  return facts;
}

CrawlingFacts ReadCrawling(MapReader& parent) {
  CrawlingFacts facts;
  std::optional<MapReader> section = parent.Section(
      "crawling",
      {"used", "crawlers", "purposes", "behaviour", "period", "content", "modalities", "comments"},
      facts.location);
  if (!section) return facts;
  MapReader& reader = *section;
  facts.used = reader.Bool("used", true);
  facts.crawlers = ReadCrawlers(reader);
  facts.purposes = ReadNarrative(reader, "purposes");
  facts.behaviour = ReadNarrative(reader, "behaviour");
  if (reader.Has("period")) {
    MapReader period(reader.Get("period"), reader.PathOf("period"), parent.diagnostics(),
                     {"from", "to"});
    facts.period_start = period.Date("from", true);
    facts.period_end = period.Date("to");
    if (facts.period_start && facts.period_end && *facts.period_end < *facts.period_start) {
      parent.diagnostics().Error(period.MarkOf("to"), period.PathOf("to") + ": ends before 'from'");
    }
  }
  facts.content = ReadNarrative(reader, "content");
  facts.modalities = reader.StringList("modalities", kModalities);
  facts.comments = ReadNarrative(reader, "comments");
  return facts;
}

UserDataFacts ReadUserData(MapReader& parent) {
  UserDataFacts facts;
  std::optional<MapReader> section = parent.Section(
      "user_data", {"model_interactions", "other_services", "services", "modalities", "comments"},
      facts.location);
  if (!section) return facts;
  MapReader& reader = *section;
  facts.model_interactions = reader.Bool("model_interactions", true);
  facts.other_services = reader.Bool("other_services", true);
  facts.services = ReadNarrative(reader, "services");
  facts.modalities = reader.StringList("modalities", kModalities);
  facts.comments = ReadNarrative(reader, "comments");
  return facts;
}

std::vector<ModalityFacts> ReadModalities(MapReader& parent) {
  std::vector<ModalityFacts> out;
  if (!parent.Has("modalities")) return out;
  YAML::Node node = parent.Get("modalities");
  Diagnostics& diagnostics = parent.diagnostics();
  std::string path = parent.PathOf("modalities");
  if (!node.IsMap()) {
    diagnostics.Error(node.Mark(), path +
                                       ": expected a mapping of modality (text, image, audio, "
                                       "video, other) to its facts");
    return out;
  }
  for (const auto& pair : node) {
    ModalityFacts facts;
    facts.modality = pair.first.Scalar();
    facts.location = diagnostics.At(pair.first.Mark());
    std::string where = path + "." + facts.modality;
    if (std::find(kModalities.begin(), kModalities.end(), facts.modality) == kModalities.end()) {
      diagnostics.Error(pair.first.Mark(),
                        where + ": expected one of text, image, audio, video, other");
      continue;
    }
    MapReader reader(pair.second, where, diagnostics,
                     {"size", "unit", "size_note", "types_of_content"});
    facts.size = reader.Quantity("size");
    facts.unit = reader.String("unit", facts.modality == "other" && facts.size).value_or("");
    facts.size_note = reader.String("size_note").value_or("");
    facts.types_of_content = ReadNarrative(reader, "types_of_content");
    out.push_back(std::move(facts));
  }
  return out;
}

}  // namespace

TrainingData ParseTrainingData(const YAML::Node& node, const std::string& path,
                               Diagnostics& diagnostics) {
  TrainingData data;
  data.location = diagnostics.At(node.Mark());
  MapReader reader(node, path, diagnostics,
                   {"summary", "stats", "filter_manifests", "modalities", "latest_acquisition",
                    "linguistic", "other_characteristics", "comments", "public_datasets",
                    "licensed", "private_third_party", "crawling", "user_data", "synthetic",
                    "other_sources", "tdm_optout", "illegal_content", "other_processing"});
  if (reader.Has("summary")) {
    MapReader summary(reader.Get("summary"), path + ".summary", diagnostics,
                      {"version", "last_update", "previous_versions"});
    data.summary_version = summary.String("version", true).value_or("");
    data.last_update = summary.Date("last_update", true);
    YAML::Node previous = summary.Sequence("previous_versions");
    for (size_t i = 0; i < previous.size(); ++i) {
      MapReader entry(previous[i], At(path + ".summary.previous_versions", i), diagnostics,
                      {"version", "url"});
      data.previous_versions.push_back(
          {entry.String("version", true).value_or(""), entry.String("url", true).value_or("")});
    }
  }
  data.stats = reader.StringList("stats");
  data.filter_manifests = reader.StringList("filter_manifests");
  data.modalities = ReadModalities(reader);
  data.latest_acquisition = reader.Date("latest_acquisition");
  data.linguistic = ReadNarrative(reader, "linguistic");
  data.other_characteristics = ReadNarrative(reader, "other_characteristics");
  data.comments = ReadNarrative(reader, "comments");
  data.public_datasets =
      ReadSource(reader, "public_datasets", {"used", "modalities", "large", "other", "comments"},
                 "large", "other");
  data.licensed = ReadSource(reader, "licensed", {"used", "modalities", "comments"}, "", "");
  data.private_third_party = ReadSource(reader, "private_third_party",
                                        {"used", "modalities", "known", "description", "comments"},
                                        "known", "description");
  data.crawling = ReadCrawling(reader);
  data.user_data = ReadUserData(reader);
  data.synthetic = ReadSource(reader, "synthetic",
                              {"used", "modalities", "market_models", "other_models", "comments"},
                              "market_models", "other_models");
  data.other_sources =
      ReadSource(reader, "other_sources", {"used", "description", "comments"}, "", "description");
  if (reader.Has("tdm_optout")) {
    MapReader tdm(reader.Get("tdm_optout"), path + ".tdm_optout", diagnostics,
                  {"measures", "comments"});
    data.tdm_measures = ReadNarrative(tdm, "measures");
    data.tdm_comments = ReadNarrative(tdm, "comments");
  }
  data.illegal_content = ReadNarrative(reader, "illegal_content");
  data.other_processing = ReadNarrative(reader, "other_processing");
  return data;
}

}  // namespace gpaikit::project
