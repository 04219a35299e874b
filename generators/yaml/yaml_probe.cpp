#include "generators/yaml/yaml_probe.hpp"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include "generators/error.hpp"
#include "generators/yaml/libyaml_style.hpp"

namespace gitopsgen {
namespace {

using yaml_edit::NodeKind;
using yaml_edit::ScalarStyle;
using yaml_edit::style_of;

constexpr char kSeparator = '\x1f';

// One step of the path to a node: its key in a mapping, or "#N" as item N of a sequence.
struct Step {
  std::string text;
  bool item = false;
};

bool step_matches(const std::string& pattern, const Step& step) {
  return pattern == "*" ? step.item : pattern == step.text;
}

// Follows the events of the first document and records the nodes the patterns name.
class Walker {
 public:
  Walker(const std::vector<ProbePattern>& patterns,
         std::vector<std::pair<std::string, Probed>>& found)
      : patterns_(patterns), found_(found) {}

  // True once an alias or a scalar `<<` has been seen.
  bool indirect() const { return indirect_; }

  // One event of the first document, in order.
  void event(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        if (e.data.scalar.length == 2 && e.data.scalar.value[0] == '<' &&
            e.data.scalar.value[1] == '<')
          indirect_ = true;
        return node(e, e.data.scalar.anchor, false);
      case YAML_ALIAS_EVENT: {
        indirect_ = true;
        const std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
        if (!anchors_.count(name)) throw Error("YAML refers to an unknown anchor *" + name);
        return node(e, nullptr, false);
      }
      case YAML_MAPPING_START_EVENT:
        return node(e, e.data.mapping_start.anchor, true);
      case YAML_SEQUENCE_START_EVENT:
        return node(e, e.data.sequence_start.anchor, true);
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        if (skip_ > 0) {
          --skip_;
          return;
        }
        frames_.pop_back();
        // A collection's frame sits one deeper than its step: the root's has none.
        if (!frames_.empty()) steps_.pop_back();
        return;
      default:
        return;
    }
  }

 private:
  // An open collection whose nodes may be named by a pattern, or whose items are counted.
  struct Frame {
    bool mapping = false;
    std::vector<std::uint16_t> alive;  // the patterns longer than its path that match it so far
    int target = -1;                   // its own record in found_, or -1
    bool expect_key = true;            // mapping: the next node is a key
    bool key_ok = false;               // mapping: the last key was a scalar
    std::string key;                   // mapping: the last key
    std::size_t next_item = 0;         // sequence: the index of the next item
    std::vector<std::string> entered;  // mapping: the keys already followed, for repeated keys
  };

  void node(const yaml_event_t& e, const yaml_char_t* anchor, bool collection) {
    if (anchor) anchors_.insert(reinterpret_cast<const char*>(anchor));
    if (skip_ > 0) {
      if (collection) ++skip_;
      return;
    }
    std::vector<std::uint16_t> alive;
    bool full = false;
    if (frames_.empty()) {
      for (std::size_t p = 0; p < patterns_.size(); ++p) {
        if (patterns_[p].empty())
          full = true;
        else
          alive.push_back(static_cast<std::uint16_t>(p));
      }
    } else {
      auto& frame = frames_.back();
      Step step;
      if (frame.mapping && frame.expect_key) {
        frame.expect_key = false;
        if (frame.target >= 0) ++found_[static_cast<std::size_t>(frame.target)].second.items;
        frame.key_ok = e.type == YAML_SCALAR_EVENT;
        if (frame.key_ok)
          frame.key.assign(reinterpret_cast<const char*>(e.data.scalar.value),
                           e.data.scalar.length);
        if (collection) skip_ = 1;
        return;
      }
      if (frame.mapping) {
        frame.expect_key = true;
        step.text = frame.key;
      } else {
        if (frame.target >= 0) ++found_[static_cast<std::size_t>(frame.target)].second.items;
        step = {"#" + std::to_string(frame.next_item++), true};
      }
      const auto depth = steps_.size();
      if (!frame.mapping || frame.key_ok) {
        for (const auto p : frame.alive) {
          const auto& pattern = patterns_[p];
          if (!step_matches(pattern[depth], step)) continue;
          if (pattern.size() == depth + 1)
            full = true;
          else
            alive.push_back(p);
        }
      }
      if (!full && alive.empty()) {
        if (collection) skip_ = 1;
        return;
      }
      if (frame.mapping) {
        // A repeated key: its last value counts, so what the earlier one gave is forgotten.
        if (std::find(frame.entered.begin(), frame.entered.end(), step.text) != frame.entered.end())
          forget_under(step);
        else
          frame.entered.push_back(step.text);
      }
      steps_.push_back(std::move(step));
    }
    const int target = full ? record(e) : -1;
    if (collection) {
      Frame frame;
      frame.mapping = e.type == YAML_MAPPING_START_EVENT;
      frame.alive = std::move(alive);
      frame.target = target;
      frames_.push_back(std::move(frame));
    } else if (!frames_.empty()) {
      steps_.pop_back();
    }
  }

  std::string joined() const {
    std::string path;
    for (std::size_t i = 0; i < steps_.size(); ++i) {
      if (i > 0) path += kSeparator;
      path += steps_[i].text;
    }
    return path;
  }

  // Forgets every record at or under the path of the current node's parent followed by `step`.
  // They all follow the records of the open collections in found_, which keep their indices.
  void forget_under(const Step& step) {
    auto path = joined();
    if (!steps_.empty()) path += kSeparator;
    path += step.text;
    const auto under = path + kSeparator;
    found_.erase(std::remove_if(found_.begin(), found_.end(),
                                [&](const auto& f) {
                                  return f.first == path || f.first.rfind(under, 0) == 0;
                                }),
                 found_.end());
  }

  int record(const yaml_event_t& e) {
    Probed probed;
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        probed.style = style_of(e.data.scalar.style);
        probed.value.assign(reinterpret_cast<const char*>(e.data.scalar.value),
                            e.data.scalar.length);
        break;
      case YAML_ALIAS_EVENT:
        probed.kind = NodeKind::alias;
        probed.value = reinterpret_cast<const char*>(e.data.alias.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        probed.kind = NodeKind::mapping;
        break;
      default:
        probed.kind = NodeKind::sequence;
        break;
    }
    found_.emplace_back(joined(), std::move(probed));
    return static_cast<int>(found_.size() - 1);
  }

  const std::vector<ProbePattern>& patterns_;
  std::vector<std::pair<std::string, Probed>>& found_;
  std::vector<Frame> frames_;
  std::vector<Step> steps_;  // the path to the current node
  std::size_t skip_ = 0;     // depth inside a collection no pattern reaches
  std::set<std::string> anchors_;
  bool indirect_ = false;
};

}  // namespace

YamlProbe::YamlProbe(const std::string& text, const std::vector<ProbePattern>& patterns,
                     YamlGuard* guard)
    : patterns_(&patterns) {
  Walker walker(*patterns_, found_);
  yaml_edit::read_events(text, guard, [&](const yaml_event_t& e) { walker.event(e); });
  indirect_ = walker.indirect();
}

const Probed* YamlProbe::at(std::initializer_list<std::string_view> path) const {
  const auto named = std::any_of(patterns_->begin(), patterns_->end(), [&](const auto& pattern) {
    if (pattern.size() != path.size()) return false;
    auto step = path.begin();
    for (const auto& want : pattern) {
      const bool ok = want == "*" ? (!step->empty() && step->front() == '#') : want == *step;
      if (!ok) return false;
      ++step;
    }
    return true;
  });
  std::string joined;
  for (auto step = path.begin(); step != path.end(); ++step) {
    if (step != path.begin()) joined += kSeparator;
    joined += *step;
  }
  if (!named) throw Error("internal error: no probe pattern names the path '" + joined + "'");
  for (const auto& [where, probed] : found_)
    if (where == joined) return &probed;
  return nullptr;
}

}  // namespace gitopsgen
