#include "generators/platform/validate_layout.hpp"

#include <algorithm>
#include <set>

#include "generators/platform/application_set.hpp"

namespace gitopsgen {

void check_layout(const Workspace& repo, const PlatformSettings& settings,
                  const std::vector<AppSetRecord>& sets, Findings& findings) {
  if (settings.layout != Layout::applicationset) return;
  const auto error = [&](const std::string& file, int line, std::string message) {
    findings.push_back({Finding::Severity::error, file, line, std::move(message)});
  };
  std::vector<std::string> ci;
  if (repo.is_directory(settings.chart_path() + "/ci"))
    ci = repo.list_files(settings.chart_path() + "/ci");
  for (const auto& env : settings.environments) {
    const auto expected = application_set_template(settings, env.name);
    const auto found = std::find_if(sets.begin(), sets.end(),
                                    [&](const AppSetRecord& s) { return s.file == expected.path; });
    if (found == sets.end()) {
      error(expected.path, 0,
            "no ApplicationSet generates the services of " + env.name +
                " (layout applicationset, " + kSettingsFile + ")");
      continue;
    }
    const auto* set = &*found;
    std::set<std::string> taken;
    for (const auto& generator : set->generators) {
      if (!same_repository(generator.repo_url, settings.repo_url))
        error(set->file, generator.line,
              "ApplicationSet " + set->name + ": its generator reads '" + generator.repo_url +
                  "', not this platform's repository ('" + settings.repo_url + "')");
      for (auto& file : generator_files(repo, generator)) taken.insert(std::move(file));
    }
    for (const auto& path : ci) {
      const auto name = parse_value_file_path(settings, path);
      if (!name || name->env->name != env.name || taken.erase(path)) continue;
      error(path, 0,
            "no generator of ApplicationSet " + set->name + " (" + set->file +
                ") takes this value file: service " + name->service + " is not deployed in " +
                env.name);
    }
    for (const auto& file : taken)
      error(set->file, set->line,
            "ApplicationSet " + set->name + " takes " + file + ", which is no value file of " +
                env.name + ": it would generate an Application from it");
  }
}

}  // namespace gitopsgen
