// Owners of libyaml's C structures, freed however a parse ends.
#pragma once

#include <yaml.h>

#include <string>

namespace gitopsgen::libyaml {

// One libyaml parser reading a whole text, which must outlive it.
class Parser {
 public:
  // A parser over the bytes of `text`.
  explicit Parser(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  // The parser, for libyaml's functions.
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

}  // namespace gitopsgen::libyaml
