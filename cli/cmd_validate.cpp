// `gitopsgen validate [--render]`: check a platform repository without a cluster.
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/error.hpp"
#include "generators/platform/process.hpp"
#include "generators/platform/validate_platform.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {
namespace {

struct ValidateCliOptions {
  bool render = false;
  std::string helm = "helm";
};

const char* severity_name(Finding::Severity s) {
  return s == Finding::Severity::error ? "error" : "warning";
}

std::string json_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const auto& item : items) quoted.push_back(json_string(item));
  return "[" + join(quoted, ",") + "]";
}

void print_findings(const Findings& findings, const GlobalOptions& g, Streams io) {
  if (g.json()) {
    io.out << "{\"command\":\"validate\",\"ok\":" << (has_errors(findings) ? "false" : "true")
           << ",\"findings\":[";
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const auto& f = findings[i];
      io.out << (i ? "," : "") << "{\"severity\":\"" << severity_name(f.severity)
             << "\",\"file\":" << json_string(f.file) << ",\"line\":" << f.line
             << ",\"message\":" << json_string(f.message) << ",\"detail\":" << json_list(f.detail)
             << "}";
    }
    io.out << "]}\n";
    return;
  }
  std::size_t errors = 0;
  for (const auto& f : findings) {
    if (f.severity == Finding::Severity::error) ++errors;
    if (g.quiet && f.severity != Finding::Severity::error) continue;
    io.out << f.file;
    if (f.line > 0) io.out << ":" << f.line;
    io.out << ": " << severity_name(f.severity) << ": " << f.message << "\n";
    for (const auto& line : f.detail) io.out << "    " << line << "\n";
  }
  if (!g.quiet) io.out << errors << " error(s), " << findings.size() - errors << " warning(s)\n";
}

int run_validate(const ValidateCliOptions& o, const GlobalOptions& g, Streams io) {
  const auto root = open_repository(g).second;
  ValidateOptions options;
  if (o.render) {
    if (o.helm.empty()) throw UsageError("--helm must not be empty");
    options.helm = o.helm.find('/') == std::string::npos
                       ? find_on_path(o.helm)
                       : std::optional(std::filesystem::path(o.helm));
    if (!options.helm) throw Error("--render needs helm, and '" + o.helm + "' is not on PATH");
  }
  const auto findings = validate_platform(DiskWorkspace(root), root, options);
  print_findings(findings, g, io);
  return has_errors(findings) ? 1 : 0;
}

}  // namespace

Subcommand validate_command() {
  return {"validate", "Check a platform repository without a cluster", [](CLI::App& app) {
            auto o = std::make_shared<ValidateCliOptions>();
            app.add_flag("--render", o->render,
                         "Also render the chart with every service value file using helm");
            app.add_option("--helm", o->helm, "Helm binary for --render")->capture_default_str();
            app.footer(
                "Examples:\n"
                "  gitopsgen validate -C platform-repo\n"
                "  gitopsgen validate --render --output json\n");
            return [o](const GlobalOptions& g, Streams io) { return run_validate(*o, g, io); };
          }};
}

}  // namespace gitopsgen::cli
