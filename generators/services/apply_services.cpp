#include "generators/services/apply_services.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "generators/change/overlay_workspace.hpp"
#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

// One entry of the services file and where it stands.
struct Entry {
  ServiceSpec spec;
  int line;
};

// Every entry of the file, or Error listing every invalid one.
std::vector<Entry> read_entries(const std::string& text, const std::string& source,
                                const PlatformSettings& settings) {
  const auto root = parse_yaml(text, source);
  const auto list = yaml_at(root, {"services"});
  if (!root.IsMap() || !list.IsSequence())
    throw Error(
        source +
        ": expected a mapping with a 'services' list (see the schema: gitopsgen apply --schema)");
  std::vector<Entry> entries;
  std::vector<std::string> problems;
  std::set<std::string> names;
  for (const auto& node : list) {
    const int line = node.Mark().line + 1;
    const auto name = node.IsMap() ? yaml_string_at(node, {"name"}) : std::string();
    try {
      auto spec = service_spec_from_node(node, source);
      if (spec.language.empty()) throw Error("'language' is required");
      validate_service_spec(spec, settings.registry);
      select_environments(settings, spec.envs);
      if (!names.insert(spec.name).second) throw Error("listed twice");
      entries.push_back({std::move(spec), line});
    } catch (const Error& e) {
      std::string why = e.what();
      // Field errors already start with "file:line: ".
      if (why.rfind(source + ":", 0) == 0) why = why.substr(why.find(": ", source.size() + 1) + 2);
      problems.push_back(source + ":" + std::to_string(line) + ": service " +
                         (name.empty() ? "?" : name) + ": " + why);
    }
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " of " + std::to_string(list.size()) +
                          " entries of " + source + " are invalid; nothing was changed";
    for (const auto& p : problems) message += "\n  " + p;
    throw Error(message);
  }
  return entries;
}

std::string list_line(const char* verb, const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string line = std::string(verb) + ":";
  for (const auto& n : names) line += " " + n;
  return line + "\n";
}

}  // namespace

ApplyServicesPlan plan_apply_services(const Workspace& repo, const ScaffoldSource& scaffolds,
                                      const PlatformSettings& settings, const std::string& text,
                                      const std::string& source, bool prune,
                                      const Progress& progress,
                                      const RegenerationOptions& options) {
  const auto entries = read_entries(text, source, settings);
  ApplyServicesPlan plan{ChangeSet(repo), {}, {}, {}, {}, {}, {}, {}};
  const OverlayWorkspace view(repo, plan.changes);
  Regeneration regen(plan.changes, view, options);
  const auto instances = list_service_instances(repo, settings, /*with_ingress=*/true);
  std::map<std::string, std::set<std::string>> deployed;  // service → environments
  for (const auto& i : instances) deployed[i.service].insert(i.env);
  IngressRoutes routes(instances);
  std::vector<std::string> problems;
  // New services' files are rendered ahead, a chunk of entries at a time, on every core, one
  // chunk ahead of the loop that checks and records them in order, taking each rendering only
  // where its own resolution is the same. Without the templates nothing is rendered ahead (each
  // entry reports why).
  std::optional<std::pair<std::string, std::string>> templates;
  try {
    templates.emplace(scaffolds.get("service/values.yaml.mustache"),
                      scaffolds.get("service/application.yaml.mustache"));
  } catch (const Error&) {
  }
  std::vector<char> is_new(entries.size());
  for (std::size_t n = 0; n < entries.size(); ++n) {
    const auto have = deployed.find(entries[n].spec.name);
    is_new[n] = have == deployed.end() || have->second.empty();
  }
  constexpr std::size_t kChunk = 256;
  ChunksAhead<RenderedAhead> chunks(entries.size(), kChunk, [&](std::size_t n) {
    if (!templates || !is_new[n]) return RenderedAhead{};
    return render_new_service_ahead(settings, entries[n].spec, templates->first, templates->second);
  });
  RenderedAhead ahead;
  for (std::size_t n = 0; n < entries.size(); ++n) {
    const auto& [spec, line] = entries[n];
    if (n % kChunk == 0) {
      ahead.clear();
      for (auto& r : chunks.next()) ahead.merge(r);
    }
    try {
      const auto selected = select_environments(settings, spec.envs);
      if (const auto unchosen = unchosen_environment(spec, environment_names(selected)))
        throw Error("'" + unchosen->env + "' in " + unchosen->field +
                    " is not one of its environments");
      const auto& have = deployed[spec.name];
      const auto owner = service_record_owner(spec.name);
      const auto first_report = regen.reports().size();
      // Environments the entry no longer lists lose the service, before its record is written.
      for (const auto& env : have)
        if (std::none_of(selected.begin(), selected.end(),
                         [&](const auto& e) { return e.name == env; })) {
          require_no_handover(settings, "removing " + spec.name + " from " + env);
          regen.remove(owner, value_file_path(settings, spec.name, env));
          regen.remove(owner, application_path(settings, spec.name, env));
        }
      // Every field converges: existing files are generated anew from the entry and merged three
      // ways with their hand edits; a tag moves only where the entry names one.
      auto addition =
          add_service_into(regen, view, scaffolds, settings, spec, Overwrite::yes, routes, &ahead);
      // No later step of the run names this service's record: it is written out now.
      regen.settle(owner);
      const auto& reports = regen.reports();
      const auto since = reports.begin() + static_cast<std::ptrdiff_t>(first_report);
      const bool changed = std::any_of(since, reports.end(), [](const FileReport& r) {
        return r.outcome != FileOutcome::unchanged;
      });
      // The secrets to create are told where an environment is new, not at every apply.
      if (std::any_of(since, reports.end(),
                      [](const FileReport& r) { return r.outcome == FileOutcome::created; }))
        plan.secrets.insert(plan.secrets.end(), addition.secrets.begin(), addition.secrets.end());
      if (have.empty())
        plan.added.push_back(spec.name);
      else
        (changed ? plan.updated : plan.unchanged).push_back(spec.name);
    } catch (const Error& e) {
      problems.push_back(source + ":" + std::to_string(line) + ": service " + spec.name + ": " +
                         e.what());
    }
    if (progress) progress(n + 1, entries.size());
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " of " +
                          std::to_string(entries.size()) + " entries of " + source +
                          " cannot be applied; nothing was changed";
    for (const auto& p : problems) message += "\n  " + p;
    throw Error(message);
  }
  if (prune) {
    std::set<std::string> listed;
    for (const auto& e : entries) listed.insert(e.spec.name);
    for (const auto& [service, envs] : deployed) {
      if (listed.count(service) || envs.empty()) continue;
      require_no_handover(settings, "removing service " + service);
      const auto owner = service_record_owner(service);
      for (const auto& env : envs) {
        regen.remove(owner, value_file_path(settings, service, env));
        regen.remove(owner, application_path(settings, service, env));
      }
      regen.drop(owner);
      plan.removed.push_back(service);
    }
  }
  regen.finish();
  plan.files = regen.take_reports();
  plan.message = "feat: apply " + source + ": " + std::to_string(plan.added.size()) + " added, " +
                 std::to_string(plan.updated.size()) + " updated, " +
                 std::to_string(plan.removed.size()) + " removed\n\n" +
                 list_line("added", plan.added) + list_line("updated", plan.updated) +
                 list_line("removed", plan.removed);
  return plan;
}

}  // namespace gitopsgen
