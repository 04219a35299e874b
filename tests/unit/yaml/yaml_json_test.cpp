#include "generators/yaml/yaml_json.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

TEST_CASE("plain scalars are typed as Helm's YAML 1.1 reader types them; quoted ones are strings") {
  const auto json = to_json(yaml_to_json(YAML::Load(
      "a: 8\nb: 1.5\nc: yes\nd: 'yes'\ne: ~\nf: 1.10\ng: \"8\"\nh: [On, off]\ni: 2Gi\nj: .5\n")));
  CHECK(
      json ==
      R"({"a":8,"b":1.5,"c":true,"d":"yes","e":null,"f":1.10,"g":"8","h":[true,false],"i":"2Gi","j":0.5})");
}
