#include "generators/yaml/yaml_edit_check.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <utility>

#include "generators/error.hpp"

namespace gitopsgen::yaml_edit {
namespace {

// What yaml-cpp found at one edited path.
enum class Found { nothing, scalar, other, alias };

// Thrown by the reader once every edited path is found: the rest of the text need not be read.
struct AllFound {};

// Follows yaml-cpp's events of the first document and records the node at each path, the first
// of duplicate keys as yaml-cpp's `node[key]` does.
class PathReader : public YAML::EventHandler {
 public:
  explicit PathReader(std::vector<YamlKeyPath> paths)
      : paths_(std::move(paths)), found_(paths_.size(), Found::nothing), values_(paths_.size()) {}

  Found found(std::size_t i) const { return found_[i]; }
  const std::string& value(std::size_t i) const { return values_[i]; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { leaf(Found::other, nullptr); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { leaf(Found::alias, nullptr); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    leaf(Found::scalar, &value);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(true);
  }
  void OnMapEnd() override { close(); }

 private:
  // One open collection: where it is, when that is on the way to an edited path.
  struct Frame {
    bool mapping = false;
    bool want_key = true;              // mapping: the next node is a key
    std::optional<std::string> key;    // mapping: the last key, when a scalar
    std::optional<YamlKeyPath> where;  // nothing when no edited path passes through here
  };

  // The path of the node starting now, when it is a value on the way to an edited path.
  std::optional<YamlKeyPath> here() const {
    if (frames_.empty()) return YamlKeyPath{};
    const Frame& top = frames_.back();
    if (!top.where || !top.mapping || top.want_key || !top.key) return std::nullopt;
    auto path = *top.where;
    path.push_back(*top.key);
    for (const auto& p : paths_) {
      if (p.size() >= path.size() && std::equal(path.begin(), path.end(), p.begin())) return path;
    }
    return std::nullopt;
  }

  bool is_key() const {
    return !frames_.empty() && frames_.back().mapping && frames_.back().want_key;
  }

  // A node is complete: in a mapping a key is followed by its value and a value by a key.
  void done() {
    if (!frames_.empty() && frames_.back().mapping)
      frames_.back().want_key = !frames_.back().want_key;
  }

  void leaf(Found kind, const std::string* value) {
    if (is_key()) {
      frames_.back().key = value ? std::optional<std::string>(*value) : std::nullopt;
      done();
      return;
    }
    if (const auto path = here()) {
      for (std::size_t i = 0; i < paths_.size(); ++i) {
        if (found_[i] != Found::nothing) continue;
        if (paths_[i] == *path) {
          found_[i] = kind;
          if (value) values_[i] = *value;
          ++done_;
        } else if (kind == Found::alias && paths_[i].size() > path->size() &&
                   std::equal(path->begin(), path->end(), paths_[i].begin())) {
          found_[i] = Found::alias;  // the path goes on inside the aliased node
          ++done_;
        }
      }
      if (done_ == paths_.size()) throw AllFound{};
    }
    done();
  }

  void open(bool mapping) {
    Frame frame;
    frame.mapping = mapping;
    if (is_key()) {
      frames_.back().key.reset();  // a collection as a key matches no key of a path
    } else {
      frame.where = here();
      if (frame.where) {
        for (std::size_t i = 0; i < paths_.size(); ++i) {
          if (found_[i] == Found::nothing && paths_[i] == *frame.where) {
            found_[i] = Found::other;
            ++done_;
          }
        }
        if (done_ == paths_.size()) throw AllFound{};
      }
    }
    frames_.push_back(std::move(frame));
  }

  void close() {
    frames_.pop_back();
    done();
  }

  std::vector<YamlKeyPath> paths_;
  std::vector<Found> found_;
  std::vector<std::string> values_;
  std::size_t done_ = 0;
  std::vector<Frame> frames_;
};

// Runs `reader` over the first document of `text`; yaml-cpp's exceptions pass through.
void read_events(const std::string& text, YAML::EventHandler& reader) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  try {
    parser.HandleNextDocument(reader);
  } catch (const AllFound&) {
  }
}

// True when yaml-cpp reads the first document of `text`, as YAML::Load would (events only,
// nothing built).
bool yaml_cpp_reads(const std::string& text) {
  struct Ignore : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } ignore;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(ignore);
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

// The full check on yaml-cpp's tree, for paths that pass through an alias.
bool tree_reads_back(const YAML::Node& root, const YamlKeyPath& path, const std::string& value) {
  YAML::Node node = root;
  try {
    for (const auto& key : path) {
      const YAML::Node next = node.IsMap() ? std::as_const(node)[key] : YAML::Node();
      if (!next.IsDefined()) return false;
      node.reset(next);
    }
    return node.IsScalar() && node.Scalar() == value;
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace

void yaml_cpp_check_edits(const std::string& before, const std::string& after,
                          const std::vector<YamlScalarEdit>& edits, const std::string& what) {
  // The last edit of a path is the value it holds.
  std::vector<YamlKeyPath> paths;
  std::vector<std::string> values;
  for (const auto& e : edits) {
    const auto same = std::find(paths.begin(), paths.end(), e.path);
    if (same != paths.end()) {
      values[static_cast<std::size_t>(same - paths.begin())] = e.value;
    } else {
      paths.push_back(e.path);
      values.push_back(e.value);
    }
  }
  PathReader reader(paths);
  try {
    read_events(after, reader);
  } catch (const YAML::Exception& e) {
    if (!yaml_cpp_reads(before)) return;  // yaml-cpp could not read the original either
    throw Error(what + "yaml-cpp cannot parse (" + e.msg + ")");
  }
  std::optional<std::optional<YAML::Node>> tree;  // loaded only for a path through an alias
  for (std::size_t i = 0; i < paths.size(); ++i) {
    bool same = reader.found(i) == Found::scalar && reader.value(i) == values[i];
    if (reader.found(i) == Found::alias) {
      if (!tree) tree = yaml_cpp_cross_load(before, after, what);
      if (!*tree) return;
      same = tree_reads_back(**tree, paths[i], values[i]);
    }
    if (!same) throw Error(what + "yaml-cpp reads back differently");
  }
}

}  // namespace gitopsgen::yaml_edit
