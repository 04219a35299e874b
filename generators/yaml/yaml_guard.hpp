// A guard in front of yaml-cpp for YAML from files or users: libyaml checks size, nesting,
// alias expansion and well-formedness first, so hostile input cannot hang or exhaust gitopsgen.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "generators/error.hpp"

struct yaml_event_s;
struct yaml_parser_s;

namespace gitopsgen {

// The most bytes one YAML text may hold: 8 MiB.
inline constexpr std::size_t kYamlMaxBytes = std::size_t{8} << 20;

// The deepest nesting of mappings and sequences one YAML text may hold.
inline constexpr std::size_t kYamlMaxDepth = 64;

// The most nodes the aliases of one YAML text may stand for, counting each alias as the whole
// node it repeats (a "billion laughs" text stands for 10^9).
inline constexpr std::uint64_t kYamlMaxAliasNodes = 100'000;

// The guard's refusal: an Error "what:line: reason" (or "what: reason" without a line), whose
// line (1-based, 0 when none) and reason are also kept apart for callers that report findings.
class YamlRefused : public Error {
 public:
  // A refusal of the text named `what` at `line` (0: the whole text) because of `reason`.
  YamlRefused(const std::string& what, int line, const std::string& reason);
  // The 1-based line the refusal points at, or 0 for the whole text.
  int line() const { return line_; }
  // Why the text was refused, without file and line.
  const std::string& reason() const { return reason_; }

 private:
  int line_;
  std::string reason_;
};

// The guard's checks over the libyaml events of one text, for a caller that runs its own parse
// and so reads the text once: feed it every event, in order, before using the event.
class YamlGuard {
 public:
  // A guard for `text`, named `what` in refusals; throws YamlRefused when it is over kYamlMaxBytes.
  YamlGuard(const std::string& text, std::string what);
  // Checks the next event of the text; throws YamlRefused at the first limit passed or flaw.
  void event(const yaml_event_s& e);
  // Throws the refusal for the parse error `parser` stopped at.
  [[noreturn]] void parse_failed(const yaml_parser_s& parser) const;
  // The number of documents begun so far.
  std::size_t documents() const { return documents_; }

 private:
  // An open mapping or sequence: its anchor and how many nodes it stands for so far.
  struct Frame {
    std::string anchor;
    std::uint64_t nodes = 1;
    bool mapping = false;
    std::size_t children = 0;         // nodes read inside it so far (keys and values of a mapping)
    std::set<std::string> keys = {};  // a mapping's scalar keys so far
  };
  bool is_key();
  void key(std::string name, int line);
  void open(std::string anchor, int line, bool mapping);
  void node(const std::string& anchor, std::uint64_t nodes);
  void alias(const std::string& anchor, int line);

  std::string what_;
  std::vector<Frame> open_;
  std::map<std::string, std::uint64_t> anchors_;
  std::uint64_t alias_nodes_ = 0;
  std::size_t documents_ = 0;
};

// Throws YamlRefused unless `text` (named `what` in the message) is well-formed YAML within
// kYamlMaxBytes, kYamlMaxDepth and kYamlMaxAliasNodes, every alias naming an anchor before it and
// no mapping repeating a key; returns the number of documents it holds.
std::size_t yaml_guard(const std::string& text, const std::string& what);

// YAML::Load of `text` once yaml_guard has passed it and found at most one document; yaml-cpp's
// own exceptions pass through.
YAML::Node yaml_load_guarded(const std::string& text, const std::string& what);

// YAML::LoadAll of `text` once yaml_guard has passed it; yaml-cpp's own exceptions pass through.
std::vector<YAML::Node> yaml_load_all_guarded(const std::string& text, const std::string& what);

}  // namespace gitopsgen
