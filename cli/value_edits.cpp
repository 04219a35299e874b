#include "cli/value_edits.hpp"

namespace gitopsgen::cli {

std::string value_edits_text(const std::string& title, const std::vector<ValueEdit>& edits) {
  std::string text = title;
  for (const auto& e : edits)
    text += "\n  " + e.env + ": " + e.key + " " + e.before.value_or("(none)") + " → " +
            e.after.value_or("(removed)");
  return text;
}

JsonValue value_edits_json(const std::vector<ValueEdit>& edits) {
  auto out = JsonValue::array();
  for (const auto& e : edits) {
    auto entry = JsonValue::object();
    entry.add("service", e.service)
        .add("env", e.env)
        .add("key", e.key)
        .add("from", e.before)
        .add("to", e.after);
    out.push(std::move(entry));
  }
  return out;
}

}  // namespace gitopsgen::cli
