// libFuzzer harness for the byte-exact YAML editor (generators/yaml_edit.hpp): the input is the
// document; the key path and the value come from small tables, picked by the input's bytes. The
// editor either throws gitopsgen::Error or returns a text that reads back the value and changes
// no byte outside the scalar it replaced, and YamlText::with_scalars returns the same bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace gitopsgen;

namespace {

const YamlKeyPath kPaths[] = {
    {"image", "tag"},
    {"image", "repository"},
    {"replicaCount"},
    {"a"},
    {"a", "b", "c"},
    {"<<"},
    {""},
};

// Values YAML readers could take for something else, or that need quoting.
const char* const kValues[] = {
    "1.4.0",
    "1.10",
    "yes",
    "",
    "null",
    "012",
    "1e3",
    "a: b",
    "#x",
    "'q'",
    "\"dq\"",
    "- x",
    "[x]",
    "{x}",
    " lead",
    "trail ",
    "é",
    "a\\b",
    "~",
    "&a",
    "*a",
    "!t",
    "%x",
    "@x",
    "`x",
    // Token-safe: YamlText::with_scalars swaps these in without reading the text back.
    "v2.3.4-rc.1",
    "ghcr.io/org/app",
    "abc",
};

std::size_t pick(const std::string& doc, std::size_t salt, std::size_t count) {
  std::size_t h = doc.size() * 31 + salt;
  if (!doc.empty()) h = h * 131 + static_cast<unsigned char>(doc[0]);
  if (doc.size() > 1) h = h * 131 + static_cast<unsigned char>(doc[doc.size() - 1]);
  return h % count;
}

void set_and_check(const std::string& doc, const YamlKeyPath& path, const std::string& value) {
  std::optional<YamlSpan> span;
  std::string out;
  try {
    span = yaml_scalar_span(doc, path);
    out = yaml_set_scalar(doc, path, value);
  } catch (const Error&) {
    return;  // refused: a valid outcome
  }
  std::optional<std::string> read;
  try {
    read = yaml_read_scalar(out, path);
  } catch (const Error& e) {
    fuzz_fail("the edited text does not parse", e.what());
  }
  FUZZ_CHECK(read && *read == value, "the edited text does not read back the value");
  // YamlText's own road (a token swap where it can) must give exactly the same bytes.
  std::string via_text;
  try {
    via_text = YamlText(doc).with_scalars({{path, value}});
  } catch (const Error& e) {
    fuzz_fail("YamlText refused an edit yaml_set_scalar made", e.what());
  }
  FUZZ_CHECK(via_text == out, "YamlText::with_scalars and yaml_set_scalar disagree");
  if (span) {
    FUZZ_CHECK(span->begin <= span->end && span->end <= doc.size(), "span outside the text");
    const auto tail = doc.size() - span->end;
    FUZZ_CHECK(out.size() >= span->begin + tail, "edited text shorter than what it kept");
    FUZZ_CHECK(out.compare(0, span->begin, doc, 0, span->begin) == 0,
               "a byte before the edited scalar changed");
    FUZZ_CHECK(out.compare(out.size() - tail, tail, doc, span->end, tail) == 0,
               "a byte after the edited scalar changed");
  }
}

void set_integer_and_check(const std::string& doc, const YamlKeyPath& path, long long value) {
  std::string out;
  try {
    out = yaml_set_integer(doc, path, value);
  } catch (const Error&) {
    return;
  }
  std::optional<std::string> read;
  try {
    read = yaml_read_scalar(out, path);
  } catch (const Error& e) {
    fuzz_fail("the edited text does not parse", e.what());
  }
  FUZZ_CHECK(read && *read == std::to_string(value), "the integer does not read back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string doc(reinterpret_cast<const char*>(data), size);
  try {
    (void)yaml_read_scalar(doc, {"image", "tag"});
  } catch (const Error&) {
  }
  constexpr auto paths = sizeof kPaths / sizeof kPaths[0];
  constexpr auto values = sizeof kValues / sizeof kValues[0];
  set_and_check(doc, {"image", "tag"}, kValues[pick(doc, 1, values)]);
  set_and_check(doc, kPaths[pick(doc, 2, paths)], kValues[pick(doc, 3, values)]);
  set_integer_and_check(doc, {"replicaCount"}, static_cast<long long>(pick(doc, 4, 7)) - 1);
  return 0;
}
