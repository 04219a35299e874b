#include "generators/yaml/json_value.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>

using gitopsgen::json_quoted;
using gitopsgen::JsonValue;
using gitopsgen::to_json;
using gitopsgen::valid_utf8;

TEST_CASE("objects keep insertion order and every kind of value is written") {
  auto v = JsonValue::object();
  v.add("z", 1).add("a", true).add("m", nullptr).add("s", "x").add("n", -42);
  v.add("list", JsonValue::strings({"b", "a"})).add("empty", JsonValue::object());
  v.add("none", std::optional<std::string>()).add("some", std::optional<std::string>("v"));
  v.add("blank", JsonValue::string_or_null("")).add("size", std::size_t{7});
  CHECK(to_json(v) ==
        R"({"z":1,"a":true,"m":null,"s":"x","n":-42,"list":["b","a"],"empty":{},"none":null,)"
        R"("some":"v","blank":null,"size":7})");
  CHECK(to_json(JsonValue::array()) == "[]");
  CHECK(to_json(JsonValue()) == "null");
}

TEST_CASE("a duplicate key is a programming error, never written") {
  auto v = JsonValue::object();
  v.add("removed", JsonValue::array());
  CHECK_THROWS_AS(v.add("removed", JsonValue::array()), std::logic_error);
  CHECK(v.members().size() == 1);
  CHECK_THROWS_AS(JsonValue::array().add("k", 1), std::logic_error);
  CHECK_THROWS_AS(JsonValue::object().push(1), std::logic_error);
  CHECK_THROWS_AS(JsonValue("s").push(1), std::logic_error);
}

TEST_CASE("strings are escaped per RFC 8259") {
  CHECK(json_quoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(json_quoted("\n\r\t\b\f") == R"("\n\r\t\b\f")");
  CHECK(json_quoted(std::string("\x00\x01\x1f\x7f", 4)) == R"("\u0000\u0001\u001f\u007f")");
  CHECK(json_quoted("/ é ✓ 😀") == "\"/ é ✓ 😀\"");
  CHECK(json_quoted("\xe2\x80\xa8|\xe2\x80\xa9") == R"("\u2028|\u2029")");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, byte by byte; valid text is kept") {
  const std::string fffd = "\xef\xbf\xbd";
  CHECK(valid_utf8("plain é ✓ 😀") == "plain é ✓ 😀");
  CHECK(valid_utf8("a\xff"
                   "b") == "a" + fffd + "b");
  CHECK(valid_utf8("\xc0\xaf") == fffd + fffd);                        // overlong '/'
  CHECK(valid_utf8("\xed\xa0\x80") == fffd + fffd + fffd);             // a surrogate
  CHECK(valid_utf8("\xf4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
  CHECK(valid_utf8("\xe2\x82") == fffd + fffd);                        // truncated
  CHECK(valid_utf8("\x80") == fffd);                                   // a lone continuation byte
  CHECK(JsonValue("x\xfe").string() == "x" + fffd);
  auto v = JsonValue::object();
  v.add("k\xff", 1);
  CHECK(to_json(v) == "{\"k" + fffd + "\":1}");
}

TEST_CASE("find looks members up by key") {
  auto v = JsonValue::object();
  v.add("a", 1);
  REQUIRE(v.find("a") != nullptr);
  CHECK(v.find("a")->integer() == 1);
  CHECK(v.find("b") == nullptr);
}
