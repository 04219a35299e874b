// `gitopsgen validate [--render]`: check a platform repository without a cluster.
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/error.hpp"
#include "generators/git/changed_paths.hpp"
#include "generators/platform/process.hpp"
#include "generators/platform/validate_platform.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {
namespace {

struct ValidateCliOptions {
  bool render = false;
  std::string helm = "helm";
  std::string changed_since;
};

const char* severity_name(Finding::Severity s) {
  return s == Finding::Severity::error ? "error" : "warning";
}

// What --render did: how many renders ran and were skipped, or nothing without --render.
struct RenderReport {
  std::optional<RenderCounts> counts;
  std::string since;  // the --changed-since revision, if any
};

void print_findings(const Findings& findings, const RenderReport& render, const GlobalOptions& g,
                    Streams io) {
  std::size_t errors = 0;
  for (const auto& f : findings)
    if (f.severity == Finding::Severity::error) ++errors;
  if (g.structured()) {
    auto list = JsonValue::array();
    for (const auto& f : findings) {
      auto entry = JsonValue::object();
      // A finding about a whole file has no line: null, not 0.
      entry.add("severity", severity_name(f.severity))
          .add("file", f.file)
          .add("line", f.line > 0 ? JsonValue(f.line) : JsonValue())
          .add("message", f.message)
          .add("detail", JsonValue::strings(f.detail));
      list.push(std::move(entry));
    }
    auto value = JsonValue::object();
    value.add("command", "validate")
        .add("ok", !has_errors(findings))
        .add("errors", errors)
        .add("warnings", findings.size() - errors)
        .add("findings", std::move(list))
        .add("rendered", render.counts ? JsonValue(render.counts->rendered) : JsonValue())
        .add("skipped", render.counts ? JsonValue(render.counts->skipped) : JsonValue());
    print_value(g, io, value);
    return;
  }
  for (const auto& f : findings) {
    if (g.quiet && f.severity != Finding::Severity::error) continue;
    io.out << f.file;
    if (f.line > 0) io.out << ":" << f.line;
    io.out << ": " << severity_name(f.severity) << ": " << f.message << "\n";
    for (const auto& line : f.detail) io.out << "    " << line << "\n";
  }
  if (g.quiet) return;
  if (render.counts) {
    io.out << "helm template: " << render.counts->rendered << " rendered";
    if (!render.since.empty())
      io.out << ", " << render.counts->skipped << " skipped (nothing they read changed since "
             << render.since << ")";
    io.out << "\n";
  }
  io.out << errors << " error(s), " << findings.size() - errors << " warning(s)\n";
}

int run_validate(const ValidateCliOptions& o, const GlobalOptions& g, Streams io) {
  const auto platform = open_repository_for_reading(g, io);
  ValidateOptions options;
  if (o.render) {
    if (o.helm.empty()) throw UsageError("--helm must not be empty");
    options.helm = o.helm.find('/') == std::string::npos
                       ? find_on_path(o.helm)
                       : std::optional(std::filesystem::path(o.helm));
    if (!options.helm) throw Error("--render needs helm, and '" + o.helm + "' is not on PATH");
  }
  // Helm renders the directory on disk, which another run is writing while HEAD is read.
  if (options.helm && platform.head_tree)
    throw Error(
        "--render reads the work tree, which another gitopsgen run is changing: retry later");
  RenderReport render{std::nullopt, o.changed_since};
  if (!o.changed_since.empty()) {
    if (!o.render) throw UsageError("--changed-since chooses what --render renders: add --render");
    if (!platform.repo)
      throw Error("--changed-since needs a git repository, and " + platform.root.string() +
                  " is in none");
    options.changed = paths_changed_since(*platform.repo, o.changed_since);
  }
  RenderCounts counts;
  if (options.helm) options.counts = &counts;
  const auto findings = validate_platform(platform.files(), platform.root, options);
  if (options.helm) render.counts = counts;
  print_findings(findings, render, g, io);
  return has_errors(findings) ? 1 : 0;
}

}  // namespace

Subcommand validate_command() {
  return {
      "validate", "Check a platform repository without a cluster", [](CLI::App& app) {
        auto o = std::make_shared<ValidateCliOptions>();
        app.add_flag("--render", o->render,
                     "Also render the chart with every service value file using helm");
        app.add_option("--helm", o->helm, "Helm binary for --render")->capture_default_str();
        app.add_option("--changed-since", o->changed_since,
                       "With --render: render only the Applications whose chart, value files "
                       "or Application changed since REF (a pull request's base)")
            ->type_name("REF");
        app.footer(
            "Examples:\n"
            "  gitopsgen validate -C platform-repo\n"
            "  gitopsgen validate --render --output json\n"
            "  gitopsgen validate --render --changed-since origin/main\n\n"
            "--render runs helm template on every core (GITOPSGEN_THREADS caps the threads).\n");
        return [o](const GlobalOptions& g, Streams io) { return run_validate(*o, g, io); };
      }};
}

}  // namespace gitopsgen::cli
