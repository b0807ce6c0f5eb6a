// `gpaikit law diff KIND OLD NEW` on two files: both are flattened into items (mappings with an id
// in a list, or entries of a top-level mapping of mappings) holding field paths and their text,
// then compared item by item (docs/law-changes.md).
#include "gpaikit/law/law_diff.h"

#include <map>

#include "base/yaml_reader.h"
#include "law/law_diff_internal.h"

namespace gpaikit::law {
namespace {

// The fields that identify an element of a list, in the order they are tried.
constexpr const char* kIdFields[] = {"id", "token", "date", "year"};

std::string IdOf(const YAML::Node& element) {
  if (!element.IsMap()) return "";
  for (const char* field : kIdFields) {
    if (element[field] && element[field].IsScalar()) return element[field].Scalar();
  }
  return "";
}

bool AllScalars(const YAML::Node& sequence) {
  for (const YAML::Node& element : sequence) {
    if (!element.IsScalar()) return false;
  }
  return true;
}

bool MapOfMaps(const YAML::Node& node) {
  if (!node.IsMap() || node.size() == 0) return false;
  for (const auto& pair : node) {
    if (!pair.second.IsMap()) return false;
  }
  return true;
}

class Flattener {
 public:
  explicit Flattener(FlatFile& out) : out_(out) {}

  void Root(const YAML::Node& root) {
    for (const auto& pair : root) {
      std::string key = pair.first.Scalar();
      if (MapOfMaps(pair.second)) {
        for (const auto& entry : pair.second) {
          std::string id = entry.first.Scalar();
          Fields(entry.second, NewItem("", key, key, id), "");
        }
      } else {
        Value(pair.second, 0, key);
      }
    }
  }

 private:
  // `path` is where the item sits inside its parent ("annex_xi.items"), so that equal ids in
  // different lists (annex_xi and annex_xii items) stay apart.
  size_t NewItem(const std::string& parent_key, const std::string& path,
                 const std::string& collection, const std::string& id) {
    FlatItem item;
    item.key = parent_key + "/" + path + "[" + id + "]";
    item.collection = collection;
    item.id = id;
    out_.items.push_back(std::move(item));
    return out_.items.size() - 1;
  }

  // A new item inside item `parent` (0: the file itself).
  size_t NewItemIn(size_t parent, const std::string& path, const std::string& collection,
                   const std::string& id) {
    const FlatItem& outer = out_.items[parent];
    std::string within = parent == 0 ? "" : outer.within.empty() ? outer.id : outer.within;
    size_t item = NewItem(outer.key, path, collection, id);
    out_.items[item].within = std::move(within);
    return out_.items.size() - 1;
  }

  // Item 0 is the file itself (its top-level scalar fields).
  void Value(const YAML::Node& node, size_t item, const std::string& path) {
    if (node.IsScalar() || node.IsNull()) {
      Set(item, path, node.IsNull() ? "null" : node.Scalar());
    } else if (node.IsSequence() && AllScalars(node)) {
      std::string text;
      for (const YAML::Node& element : node) text += (text.empty() ? "" : ", ") + element.Scalar();
      Set(item, path, "[" + text + "]");
    } else if (node.IsSequence()) {
      std::string collection = path.substr(path.rfind('.') + 1);
      size_t index = 0;
      for (const YAML::Node& element : node) {
        std::string id = IdOf(element);
        if (id.empty()) {
          Value(element, item, path + "[" + std::to_string(index) + "]");
        } else {
          Fields(element, NewItemIn(item, path, collection, id), "");
        }
        ++index;
      }
    } else if (node.IsMap()) {
      Fields(node, item, path + ".");
    }
  }

  void Fields(const YAML::Node& map, size_t item, const std::string& prefix) {
    for (const auto& pair : map) Value(pair.second, item, prefix + pair.first.Scalar());
  }

  void Set(size_t item, const std::string& path, const std::string& value) {
    FlatItem& target = out_.items[item];
    if (!target.fields.contains(path)) target.order.push_back(path);
    target.fields[path] = value;
    if (target.title.empty() && (path == "title" || path == "name" || path == "label")) {
      target.title = value;
    }
  }

  FlatFile& out_;
};

}  // namespace

size_t LawDiff::Count(std::string_view change) const {
  size_t count = 0;
  for (const ItemChange& item : items) count += item.change == change;
  return count;
}

Result<FlatFile> FlattenLawFile(const std::filesystem::path& file) {
  Result<YAML::Node> root = LoadYamlFile(file);
  if (!root.ok()) return root.status();
  if (!root->IsMap()) {
    return Status::InvalidInput(file.string() + ":1:1: expected a mapping (a gpaikit data file)");
  }
  FlatFile out;
  out.items.push_back(FlatItem{});  // the file's own fields
  Flattener(out).Root(*root);
  return out;
}

Result<LawDiff> DiffLawFiles(const std::string& kind, const std::string& old_label,
                             const std::filesystem::path& old_file, const std::string& new_label,
                             const std::filesystem::path& new_file) {
  Result<FlatFile> before = FlattenLawFile(old_file);
  if (!before.ok()) return before.status();
  Result<FlatFile> after = FlattenLawFile(new_file);
  if (!after.ok()) return after.status();
  LawDiff diff{kind, old_label, new_label, old_file.string(), new_file.string(), {}, {}};
  std::map<std::string, const FlatItem*> old_items, new_items;
  for (const FlatItem& item : before->items) old_items[item.key] = &item;
  for (const FlatItem& item : after->items) new_items[item.key] = &item;
  auto all_fields = [](const FlatItem& item, bool is_old) {
    std::vector<FieldChange> out;
    for (const std::string& path : item.order) {
      const std::string& value = item.fields.at(path);
      out.push_back(is_old ? FieldChange{path, value, ""} : FieldChange{path, "", value});
    }
    return out;
  };
  for (const FlatItem& item : after->items) {
    auto found = old_items.find(item.key);
    if (found == old_items.end()) {
      diff.items.push_back({"added",
                            item.collection,
                            item.id,
                            item.title,
                            {},
                            all_fields(item, false),
                            item.within});
      continue;
    }
    const FlatItem& old = *found->second;
    std::vector<FieldChange> changed;
    for (const std::string& path : item.order) {
      auto was = old.fields.find(path);
      std::string before_text = was == old.fields.end() ? "" : was->second;
      if (before_text != item.fields.at(path)) {
        changed.push_back({path, before_text, item.fields.at(path)});
      }
    }
    for (const std::string& path : old.order) {
      if (!item.fields.contains(path)) changed.push_back({path, old.fields.at(path), ""});
    }
    if (changed.empty()) continue;
    if (item.key.empty()) {
      diff.file_fields = std::move(changed);
    } else {
      diff.items.push_back({"changed",
                            item.collection,
                            item.id,
                            item.title.empty() ? old.title : item.title,
                            {},
                            std::move(changed),
                            item.within});
    }
  }
  for (const FlatItem& item : before->items) {
    if (!new_items.contains(item.key)) {
      diff.items.push_back({"removed",
                            item.collection,
                            item.id,
                            item.title,
                            {},
                            all_fields(item, true),
                            item.within});
    }
  }
  return diff;
}

}  // namespace gpaikit::law
