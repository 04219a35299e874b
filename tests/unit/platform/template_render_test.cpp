#include "generators/platform/template_render.hpp"

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

TEST_CASE("standalone section and comment lines leave no blank line (mustache spec)") {
  TemplateData data;
  data.set("on", TemplateData::type::bool_false);
  TemplateData items{TemplateData::type::list};
  TemplateData item;
  item.set("x", "p");
  items.push_back(item);
  items.push_back(item);
  data.set("list", items);
  const std::string text =
      "a: 1\n{{#on}}\nb: 2\n{{/on}}\n  {{^on}}\nc: 3\n  {{/on}}\nl:\n{{#list}}\n  - {{x}}\n"
      "{{/list}}\n{{! a comment }}\nz: 9\n";
  CHECK(render_template("t", text, data) == "a: 1\nc: 3\nl:\n  - p\n  - p\nz: 9\n");
  data.set("on", TemplateData::type::bool_true);
  data.set("list", TemplateData{TemplateData::type::list});
  CHECK(render_template("t", text, data) == "a: 1\nb: 2\nl:\nz: 9\n");
  // A tag sharing its line with text is not standalone and keeps the line.
  CHECK(render_template("t", "k: {{#on}}v{{/on}}\n", data) == "k: v\n");
}

TEST_CASE("blank lines inside and around sections are kept as written") {
  const std::string text = "a: 1\n{{#on}}\n\nb: 2\n{{/on}}\n\nc: 3\n";
  TemplateData data;
  data.set("on", TemplateData::type::bool_true);
  CHECK(render_template("t", text, data) == "a: 1\n\nb: 2\n\nc: 3\n");
  data.set("on", TemplateData::type::bool_false);
  CHECK(render_template("t", text, data) == "a: 1\n\nc: 3\n");
}
