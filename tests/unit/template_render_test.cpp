#include "generators/template_render.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("variables are YAML-escaped, never HTML-escaped") {
  TemplateData data;
  data.set("tag", "1.10");
  data.set("name", "a&b<c>");
  CHECK(render_template("t", "tag: {{tag}}\nname: {{name}}\n", data) ==
        "tag: \"1.10\"\nname: a&b<c>\n");
}

TEST_CASE("a variable the data lacks is an error, also inside list sections") {
  TemplateData data;
  data.set("platform", "p");
  CHECK_THROWS_WITH_AS(render_template("t", "name: {{platfrom}}\n", data),
                       doctest::Contains("platfrom"), Error);
  TemplateData envs{TemplateData::type::list};
  TemplateData env;
  env.set("env_name", "dev");
  envs.push_back(env);
  data.set("environments", envs);
  CHECK(render_template("t", "{{#environments}}- {{env_name}} {{platform}}\n{{/environments}}",
                        data) == "- dev p\n");
  CHECK_THROWS_AS(render_template("t", "{{#environments}}- {{env_nmae}}\n{{/environments}}", data),
                  Error);
  CHECK_THROWS_AS(render_template("t", "{{#environments}}- {{env_name}}\n", data), Error);
}
