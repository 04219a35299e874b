// `gitopsgen history SERVICE [--env ENV]`: every image tag change, read from the git history.
#include <algorithm>
#include <ctime>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/error.hpp"
#include "generators/release/image_history.hpp"

namespace gitopsgen::cli {
namespace {

struct HistoryOptions {
  std::string service;
  std::string env;
  std::string limit;  // -n: empty for all
  std::string since;
};

// ISO 8601 in the commit's own time zone, as git log --date=iso-strict shows it.
std::string iso_time(std::time_t time, int offset_minutes) {
  const std::time_t local = time + static_cast<std::time_t>(offset_minutes) * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char zone[16];
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return std::string(buf) + zone;
}

std::string tag_or(const ImageRef& image, const char* absent) {
  return image.tag.empty() && image.repository.empty() ? absent : image.tag;
}

// `-n`'s count; throws UsageError unless it is a whole number from 1 to a million.
std::size_t parse_count(const std::string& text) {
  const bool digits = !text.empty() && text.size() <= 7 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  const auto n = digits ? std::stoul(text) : 0;
  if (n < 1 || n > 1000000) throw UsageError("-n '" + text + "' is not a count from 1 to 1000000");
  return n;
}

int run_history(const HistoryOptions& o, const GlobalOptions& g, Streams io) {
  auto platform = open_platform_for_reading(g, io);
  if (!platform.repo) throw Error("not a git repository: " + platform.root.string());
  HistoryQuery query{o.service, o.env, std::nullopt, std::nullopt};
  if (!o.limit.empty()) query.limit = parse_count(o.limit);
  if (!o.since.empty()) query.since = parse_since(o.since, std::time(nullptr));
  const auto entries = read_history(*platform.repo, platform.settings, query);
  if (g.structured()) {
    auto changes = JsonValue::array();
    for (const auto& e : entries) {
      auto entry = JsonValue::object();
      entry.add("commit", e.commit)
          .add("author", e.author)
          .add("date", iso_time(e.time, e.offset_minutes))
          .add("env", e.env)
          .add("from", JsonValue::string_or_null(e.before.tag))
          .add("to", JsonValue::string_or_null(e.after.tag))
          .add("from_repository", JsonValue::string_or_null(e.before.repository))
          .add("to_repository", JsonValue::string_or_null(e.after.repository));
      changes.push(std::move(entry));
    }
    auto value = JsonValue::object();
    value.add("command", "history")
        .add("service", o.service)
        .add("env", JsonValue::string_or_null(o.env))
        .add("changes", std::move(changes));
    print_value(g, io, value);
    return 0;
  }
  // Aligned columns: commit, date, environment, from → to, author.
  std::size_t env_width = 0, from_width = 0, to_width = 0;
  for (const auto& e : entries) {
    env_width = std::max(env_width, e.env.size());
    from_width = std::max(from_width, tag_or(e.before, "(created)").size());
    to_width = std::max(to_width, tag_or(e.after, "(removed)").size());
  }
  const auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width - text.size(), ' ');
  };
  for (const auto& e : entries) {
    io.out << e.commit.substr(0, 12) << "  " << iso_time(e.time, e.offset_minutes) << "  "
           << pad(e.env, env_width) << "  " << pad(tag_or(e.before, "(created)"), from_width)
           << " → " << pad(tag_or(e.after, "(removed)"), to_width) << "  " << e.author << "\n";
  }
  if (entries.empty() && !g.quiet)
    io.out << "No image changes of " << o.service << " in the history.\n";
  return 0;
}

}  // namespace

Subcommand history_command() {
  return {
      "history", "List every change of a service's image tag, from the git history",
      [](CLI::App& app) {
        auto o = std::make_shared<HistoryOptions>();
        app.add_option("SERVICE", o->service, "Service name")
            ->required()
            ->check(completes_services());
        app.add_option("--env", o->env, "Only this environment")->check(completes_environments());
        app.add_option("-n,--max-count", o->limit, "Only the newest N changes")->type_name("N");
        app.add_option("--since", o->since,
                       "Only changes committed since then: YYYY-MM-DD, an ISO 8601 time or N.days")
            ->type_name("DATE");
        app.footer(
            "Examples:\n  gitopsgen history service-a\n  gitopsgen history service-a --env "
            "production -o json\n  gitopsgen history service-a --env production -n 5 --since "
            "2.weeks\n");
        return [o](const GlobalOptions& g, Streams io) { return run_history(*o, g, io); };
      }};
}

}  // namespace gitopsgen::cli
