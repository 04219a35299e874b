#include "generators/change/generation_record.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("blob ids are git's") {
  // `printf '' | git hash-object --stdin` and `printf 'hello\n' | git hash-object --stdin`.
  CHECK(blob_id("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  CHECK(blob_id("hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a");
}

TEST_CASE("a record reads back as written, its files sorted by path") {
  GenerationRecord record;
  record.version = "0.1.0";
  record.templates = blob_id("t");
  record.inputs = R"({"name":"pay","language":"go"})";
  record.files["charts/p/ci/pay-prod.yaml"] = blob_id("b");
  record.files["applications/dev/p-pay.yaml"] = blob_id("a");
  record.files["a path with spaces.yaml"] = blob_id("c");
  const auto text = format_record(record);
  CHECK(parse_record(text, "r") == record);
  CHECK(text.find("file " + blob_id("c") + " a path with spaces.yaml\nfile " + blob_id("a")) !=
        std::string::npos);
}

TEST_CASE("a malformed record is refused by line") {
  CHECK_THROWS_WITH_AS(parse_record("# c\nfile nothex x\n", "r"), doctest::Contains("r:2:"), Error);
  CHECK_THROWS_WITH_AS(parse_record("bogus line\n", "r"), doctest::Contains("unknown line"), Error);
  const auto id = blob_id("x");
  CHECK_THROWS_WITH_AS(parse_record("file " + id + " a\nfile " + id + " a\n", "r"),
                       doctest::Contains("listed twice"), Error);
}

TEST_CASE("record and base-copy paths are out of the platform's way") {
  CHECK(record_path(service_record_owner("pay")) == ".gitopsgen/record/services/pay");
  CHECK(base_copy_path("charts/p/ci/a.yaml") == ".gitopsgen/base/charts/p/ci/a.yaml.base");
}
