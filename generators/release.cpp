#include "generators/release.hpp"

#include "generators/add_service.hpp"
#include "generators/error.hpp"
#include "generators/service_inventory.hpp"
#include "generators/service_spec.hpp"
#include "generators/yaml_edit.hpp"

namespace gitopsgen {
namespace {

const YamlKeyPath kTag = {"image", "tag"};
const YamlKeyPath kRepository = {"image", "repository"};

std::string require_value_file(const Workspace& repo, const PlatformSettings& settings,
                               const std::string& service, const std::string& env) {
  select_environments(settings, {env});
  const auto path = value_file_path(settings, service, env);
  if (!repo.read(path))
    throw Error("service '" + service + "' has no value file in " + env + " (" + path + ")");
  return path;
}

std::string describe(const ImageChange& e) {
  std::string line =
      e.service + ": " + (e.before.tag.empty() ? "(none)" : e.before.tag) + " → " + e.after.tag;
  if (e.before.repository != e.after.repository)
    line += " (" + e.before.repository + " → " + e.after.repository + ")";
  return line;
}

std::string body_of(const std::vector<ImageChange>& edits) {
  std::string body;
  for (const auto& e : edits) body += describe(e) + "\n";
  return body;
}

}  // namespace

ImageRef read_image(const std::string& text, const std::string& source) {
  try {
    return {yaml_read_scalar(text, kRepository).value_or(""),
            yaml_read_scalar(text, kTag).value_or("")};
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

ChangeSet apply_image_edits(const Workspace& repo, const PlatformSettings& settings,
                            const std::vector<ImageChange>& edits) {
  ChangeSet changes(repo);
  for (const auto& e : edits) {
    const auto path = value_file_path(settings, e.service, e.env);
    const auto text = changes.read_after(path);
    if (!text) throw EditConflict(path + " no longer exists");
    const auto now = read_image(*text, path);
    if (now == e.after) continue;
    if (now != e.before)
      throw EditConflict("the image of " + e.service + " in " + e.env + " is now " +
                         now.repository + ":" + now.tag + ", not " + e.before.repository + ":" +
                         e.before.tag);
    auto edited = *text;
    if (e.after.repository != now.repository)
      edited = yaml_set_scalar(edited, kRepository, e.after.repository);
    if (e.after.tag != now.tag) edited = yaml_set_scalar(edited, kTag, e.after.tag);
    changes.put(path, std::move(edited));
  }
  return changes;
}

ReleasePlan plan_set_image(const Workspace& repo, const PlatformSettings& settings,
                           const SetImageRequest& request) {
  validate_service_name(request.service);
  validate_image_tag(request.tag);
  if (request.repository) validate_image_repository(*request.repository, settings.registry);
  const auto path = require_value_file(repo, settings, request.service, request.env);
  const auto before = read_image(*repo.read(path), path);
  ImageChange edit{request.service,
                   request.env,
                   before,
                   {request.repository.value_or(before.repository), request.tag}};
  ReleasePlan plan{ChangeSet(repo), {}, {}, {}};
  if (edit.after == before) {
    plan.skipped.push_back(request.service + ": " + request.tag);
  } else {
    plan.edits.push_back(edit);
    plan.changes = apply_image_edits(repo, settings, plan.edits);
  }
  plan.message = "chore(release): set " + request.service + " to " + request.tag + " in " +
                 request.env + "\n\n" + body_of(plan.edits);
  return plan;
}

ReleasePlan plan_promote(const Workspace& repo, const PlatformSettings& settings,
                         const PromoteRequest& request) {
  select_environments(settings, {request.from});
  select_environments(settings, {request.to});
  if (request.from == request.to) throw Error("--from and --to name the same environment");
  if (request.all == !request.services.empty())
    throw Error(request.all ? "give services or --all, not both"
                            : "name the services to promote, or --all");
  std::vector<std::string> services = request.services;
  if (request.all) {
    for (const auto& i : list_service_instances(repo, settings)) {
      if (i.env == request.from && repo.read(value_file_path(settings, i.service, request.to)))
        services.push_back(i.service);
    }
    if (services.empty())
      throw Error("no service is deployed in both " + request.from + " and " + request.to);
  }
  ReleasePlan plan{ChangeSet(repo), {}, {}, {}};
  for (const auto& service : services) {
    validate_service_name(service);
    const auto from_path = require_value_file(repo, settings, service, request.from);
    const auto to_path = require_value_file(repo, settings, service, request.to);
    const auto source = read_image(*repo.read(from_path), from_path);
    if (source.tag.empty()) throw Error(from_path + " has no image.tag to promote");
    const auto target = read_image(*repo.read(to_path), to_path);
    if (source == target) {
      plan.skipped.push_back(service + ": " + target.tag);
      continue;
    }
    plan.edits.push_back({service, request.to, target, source});
  }
  plan.changes = apply_image_edits(repo, settings, plan.edits);
  plan.message = "chore(release): promote " + std::to_string(plan.edits.size()) +
                 " service(s) from " + request.from + " to " + request.to + "\n\n" +
                 body_of(plan.edits);
  return plan;
}

}  // namespace gitopsgen
