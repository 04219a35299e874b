#include "generators/yaml_guard.hpp"

#include <yaml.h>

#include <map>
#include <set>
#include <utility>

namespace gitopsgen {
namespace {

std::string located(const std::string& what, int line, const std::string& reason) {
  return what + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + reason;
}

// One libyaml parser over a whole text; freed however the walk ends.
class EventParser {
 public:
  explicit EventParser(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventParser() { yaml_parser_delete(&parser_); }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
};

// One event, deleted when it goes out of scope.
struct Event {
  yaml_event_t event{};
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { yaml_event_delete(&event); }
};

std::string anchor_of(const yaml_char_t* anchor) {
  return anchor ? reinterpret_cast<const char*>(anchor) : std::string();
}

// An open mapping or sequence: the anchor it defines and how many nodes it stands for so far.
struct Frame {
  std::string anchor;
  std::uint64_t nodes = 1;
  bool mapping = false;
  std::size_t children = 0;         // nodes read inside it so far (keys and values of a mapping)
  std::set<std::string> keys = {};  // a mapping's plain keys so far
};

// Walks the events of one text, keeping depth and the node counts anchors stand for; each
// collection's count includes what its aliases repeat, so counts stay bounded by the limit.
class Walk {
 public:
  explicit Walk(const std::string& what) : what_(what) {}

  void event(const yaml_event_t& e) {
    const int line = static_cast<int>(e.start_mark.line) + 1;
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors_.clear();  // anchors are local to their document
        ++documents_;
        break;
      case YAML_SCALAR_EVENT:
        if (is_key())
          key(std::string(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length),
              line);
        node(anchor_of(e.data.scalar.anchor), 1);
        break;
      case YAML_ALIAS_EVENT:
        is_key();
        alias(anchor_of(e.data.alias.anchor), line);
        break;
      case YAML_SEQUENCE_START_EVENT:
        is_key();
        open(anchor_of(e.data.sequence_start.anchor), line, false);
        break;
      case YAML_MAPPING_START_EVENT:
        is_key();
        open(anchor_of(e.data.mapping_start.anchor), line, true);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        auto frame = std::move(open_.back());
        open_.pop_back();
        node(frame.anchor, frame.nodes);
        break;
      }
      default:
        break;
    }
  }

  // The number of documents read.
  std::size_t documents() const { return documents_; }

 private:
  // Counts one node inside the open collection; true when it is a key of a mapping.
  bool is_key() {
    if (open_.empty()) return false;
    auto& frame = open_.back();
    return frame.mapping && frame.children++ % 2 == 0;
  }

  void key(const std::string& name, int line) {
    if (!open_.back().keys.insert(name).second)
      throw YamlRefused(what_, line, "invalid YAML: duplicate key '" + name + "'");
  }

  void open(std::string anchor, int line, bool mapping) {
    if (open_.size() >= kYamlMaxDepth)
      throw YamlRefused(what_, line,
                        "YAML nesting deeper than " + std::to_string(kYamlMaxDepth) + " levels");
    open_.push_back({std::move(anchor), 1, mapping});
  }

  void node(const std::string& anchor, std::uint64_t nodes) {
    if (!anchor.empty()) anchors_[anchor] = nodes;
    if (!open_.empty()) open_.back().nodes += nodes;
  }

  void alias(const std::string& anchor, int line) {
    // An anchor still open here would make the alias its own ancestor: a cycle.
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end())
      throw YamlRefused(what_, line,
                        "invalid YAML: alias *" + anchor + " names no complete anchor before it");
    alias_nodes_ += found->second;
    if (alias_nodes_ > kYamlMaxAliasNodes)
      throw YamlRefused(
          what_, line,
          "YAML aliases stand for more than " + std::to_string(kYamlMaxAliasNodes) + " nodes");
    if (!open_.empty()) open_.back().nodes += found->second;
  }

  const std::string& what_;
  std::vector<Frame> open_;
  std::map<std::string, std::uint64_t> anchors_;
  std::uint64_t alias_nodes_ = 0;
  std::size_t documents_ = 0;
};

}  // namespace

YamlRefused::YamlRefused(const std::string& what, int line, const std::string& reason)
    : Error(located(what, line, reason)), line_(line), reason_(reason) {}

std::size_t yaml_guard(const std::string& text, const std::string& what) {
  if (text.size() > kYamlMaxBytes)
    throw YamlRefused(what, 0,
                      "YAML text of " + std::to_string(text.size()) + " bytes is over the " +
                          std::to_string(kYamlMaxBytes >> 20) + " MiB limit");
  EventParser parser(text);
  Walk walk(what);
  while (true) {
    Event e;
    if (!yaml_parser_parse(parser.get(), &e.event)) {
      const auto& p = *parser.get();
      std::string why = p.problem ? p.problem : "unreadable";
      if (p.context) why += " " + std::string(p.context);
      throw YamlRefused(what, static_cast<int>(p.problem_mark.line) + 1, "invalid YAML: " + why);
    }
    if (e.event.type == YAML_STREAM_END_EVENT) return walk.documents();
    walk.event(e.event);
  }
}

YAML::Node yaml_load_guarded(const std::string& text, const std::string& what) {
  if (const auto documents = yaml_guard(text, what); documents > 1)
    throw YamlRefused(what, 0,
                      "holds " + std::to_string(documents) + " YAML documents; expected one");
  return YAML::Load(text);
}

std::vector<YAML::Node> yaml_load_all_guarded(const std::string& text, const std::string& what) {
  yaml_guard(text, what);
  return YAML::LoadAll(text);
}

}  // namespace gitopsgen
