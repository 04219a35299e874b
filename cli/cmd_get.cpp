// `gitopsgen get SERVICE --env ENV [KEY]`: one value of a value file, or the whole file.
#include <optional>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/release/value_set.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_json.hpp"

namespace gitopsgen::cli {
namespace {

struct GetOptions {
  std::string service;
  std::string env;
  std::string key;
};

int run_get(const GetOptions& o, const GlobalOptions& g, Streams io) {
  const auto platform = open_platform_for_reading(g, io);
  const auto key = o.key.empty() ? std::nullopt : std::optional<std::string>(o.key);
  if (!g.structured()) {
    io.out << get_value(platform.files(), platform.settings, o.service, o.env, key);
    return 0;
  }
  const auto node = get_value_node(platform.files(), platform.settings, o.service, o.env, key);
  auto value = JsonValue::object();
  value.add("command", "get")
      .add("service", o.service)
      .add("env", o.env)
      .add("file", value_file_path(platform.settings, o.service, o.env))
      .add("key", key)
      .add("value", yaml_to_json(node));
  print_value(g, io, value);
  return 0;
}

}  // namespace

Subcommand get_command() {
  return {
      "get", "Print one value of a service's value file by dotted key path, or the whole file",
      [](CLI::App& app) {
        auto o = std::make_shared<GetOptions>();
        app.add_option("SERVICE", o->service, "Service name")
            ->required()
            ->check(completes_services());
        app.add_option("KEY", o->key,
                       "Dotted key path (image.tag, ingress.hosts.0.host), or env.NAME");
        app.add_option("--env", o->env, "Environment")->required()->check(completes_environments());
        app.footer(
            "Examples:\n"
            "  gitopsgen get service-a --env dev replicaCount\n"
            "  gitopsgen get service-a --env dev env.SPRING_PROFILES_ACTIVE\n"
            "  gitopsgen get service-a --env dev resources -o json\n");
        return [o](const GlobalOptions& g, Streams io) { return run_get(*o, g, io); };
      }};
}

}  // namespace gitopsgen::cli
