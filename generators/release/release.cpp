#include "generators/release/release.hpp"

#include <exception>
#include <optional>
#include <set>

#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"
#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_probe.hpp"

namespace gitopsgen {
namespace {

const YamlKeyPath kTag = {"image", "tag"};
const YamlKeyPath kRepository = {"image", "repository"};

std::string missing_value_file(const std::string& service, const std::string& env,
                               const std::string& path) {
  return "service '" + service + "' has no value file in " + env + " (" + path + ")";
}

// The bytes of `service`'s value file in `env`; throws Error when it has none.
std::string require_value_file(const Workspace& repo, const PlatformSettings& settings,
                               const std::string& service, const std::string& env) {
  select_environments(settings, {env});
  const auto path = value_file_path(settings, service, env);
  auto text = repo.read(path);
  if (!text) throw Error(missing_value_file(service, env, path));
  return std::move(*text);
}

// What `parse` gives, an Error it throws naming `source` (the guard's refusals name it already).
template <typename Parse>
auto naming_source(const std::string& source, Parse parse) {
  try {
    return parse();
  } catch (const YamlRefused&) {
    throw;
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

// Throws Error unless the text `guard` read held at most one document.
void require_one_document(const YamlGuard& guard, const std::string& source) {
  if (guard.documents() > 1)
    throw Error(source + ": holds " + std::to_string(guard.documents()) +
                " YAML documents; a value file holds one");
}

// `text` (named `source` in errors) parsed once; throws Error when it does not parse.
YamlText parse_value_file(std::string text, const std::string& source) {
  // Value files are user input: the guard's size, nesting and alias limits, in the same parse.
  YamlGuard guard(text, source);
  auto file = naming_source(source, [&] { return YamlText(std::move(text), guard); });
  require_one_document(guard, source);
  return file;
}

// The image of a parsed value file, repository and tag read from its one parse.
ImageRef image_of(const YamlText& file, const std::string& source) {
  try {
    return {file.read_scalar(kRepository).value_or(""), file.read_scalar(kTag).value_or("")};
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

// `file`, whose image is `now`, with the image `after`: one edit per field that differs.
std::string with_image(const YamlText& file, const ImageRef& now, const ImageRef& after) {
  std::vector<YamlScalarEdit> edits;
  if (after.repository != now.repository) edits.push_back({kRepository, after.repository});
  if (after.tag != now.tag) edits.push_back({kTag, after.tag});
  return file.with_scalars(edits);
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

// The paths the fast road of read_image looks at: the root, the image and its two fields.
const std::vector<ProbePattern>& image_probes() {
  static const std::vector<ProbePattern> probes = {
      {}, {"image"}, {"image", "repository"}, {"image", "tag"}};
  return probes;
}

// The scalar at `path` of `probe` as read_in gives it: "" when absent, nothing when it is not a
// scalar (the careful road says why).
std::optional<std::string> probed_scalar(const YamlProbe& probe,
                                         std::initializer_list<std::string_view> path) {
  const auto* node = probe.at(path);
  if (!node) return "";
  if (node->kind != yaml_edit::NodeKind::scalar) return std::nullopt;
  return node->value;
}

// The image of a value file from one pass of the guard and a probe, when the file is the plain
// case (a mapping at the root, an image mapping with scalar fields, no alias and no merge key);
// nothing otherwise. Refuses what parse_value_file refuses, with the same errors.
std::optional<ImageRef> probe_image(const std::string& text, const std::string& source) {
  YamlGuard guard(text, source);
  const auto probe = naming_source(source, [&] { return YamlProbe(text, image_probes(), &guard); });
  require_one_document(guard, source);
  const auto* root = probe.at({});
  if (!probe.written_where_it_stands() || !root || root->kind != yaml_edit::NodeKind::mapping)
    return std::nullopt;
  const auto* image = probe.at({"image"});
  if (!image) return ImageRef{};
  if (image->kind != yaml_edit::NodeKind::mapping) return std::nullopt;
  auto repository = probed_scalar(probe, {"image", "repository"});
  auto tag = probed_scalar(probe, {"image", "tag"});
  if (!repository || !tag) return std::nullopt;
  return ImageRef{std::move(*repository), std::move(*tag)};
}

}  // namespace

ImageRef read_image(const std::string& text, const std::string& source) {
  // Most value files are the plain case: their image without building the document's nodes.
  if (auto image = probe_image(text, source)) return std::move(*image);
  return image_of(parse_value_file(text, source), source);
}

ChangeSet apply_image_edits(const Workspace& repo, const PlatformSettings& settings,
                            const std::vector<ImageChange>& edits) {
  ChangeSet changes(repo);
  for (const auto& e : edits) {
    const auto path = value_file_path(settings, e.service, e.env);
    auto text = changes.read_after(path);
    if (!text) throw EditConflict(path + " no longer exists");
    const auto file = parse_value_file(std::move(*text), path);
    const auto now = image_of(file, path);
    if (now == e.after) continue;
    if (now != e.before)
      throw EditConflict("the image of " + e.service + " in " + e.env + " is now " +
                         now.repository + ":" + now.tag + ", not " + e.before.repository + ":" +
                         e.before.tag);
    // with_image reads every edited value back from a fresh parse of the whole text.
    changes.replace(path, file.text(), with_image(file, now, e.after), YamlChecked::yes);
  }
  return changes;
}

namespace {

// Adds `request`'s edit to `plan` (or notes it as already so); throws Error as plan_set_image.
void plan_one_image(const Workspace& repo, const PlatformSettings& settings,
                    const SetImageRequest& request, ReleasePlan& plan) {
  validate_service_name(request.service);
  validate_image_tag(request.tag);
  if (request.repository) validate_image_repository(*request.repository, settings.registry);
  const auto path = value_file_path(settings, request.service, request.env);
  const auto before =
      read_image(require_value_file(repo, settings, request.service, request.env), path);
  ImageChange edit{request.service,
                   request.env,
                   before,
                   {request.repository.value_or(before.repository), request.tag}};
  if (edit.after == before)
    plan.skipped.push_back({request.service, request.env, before});
  else
    plan.edits.push_back(edit);
}

}  // namespace

ReleasePlan plan_set_image(const Workspace& repo, const PlatformSettings& settings,
                           const SetImageRequest& request) {
  ReleasePlan plan{ChangeSet(repo), {}, {}, {}};
  plan_one_image(repo, settings, request, plan);
  if (!plan.edits.empty()) plan.changes = apply_image_edits(repo, settings, plan.edits);
  plan.message = "chore(release): set " + request.service + " to " + request.tag + " in " +
                 request.env + "\n\n" + body_of(plan.edits);
  return plan;
}

ReleasePlan plan_set_images(const Workspace& repo, const PlatformSettings& settings,
                            const SetImagesRequest& request) {
  if (request.tags.size() == 1)
    return plan_set_image(repo, settings,
                          {request.tags[0].first, request.env, request.tags[0].second, {}});
  ReleasePlan plan{ChangeSet(repo), {}, {}, {}};
  std::set<std::string> named;
  for (const auto& [service, tag] : request.tags) {
    if (!named.insert(service).second)
      throw Error("service '" + service + "' is named twice; give each service one tag");
    plan_one_image(repo, settings, {service, request.env, tag, {}}, plan);
  }
  if (!plan.edits.empty()) plan.changes = apply_image_edits(repo, settings, plan.edits);
  plan.message = "chore(release): set " + std::to_string(request.tags.size()) + " services in " +
                 request.env + "\n\n" + body_of(plan.edits);
  return plan;
}

namespace {

// Throws unless `to` is the environment right after `from` in the platform's order.
void check_promotion_order(const PlatformSettings& settings, const std::string& from,
                           const std::string& to) {
  const auto& envs = settings.environments;
  const auto index = [&](const std::string& name) {
    for (std::size_t i = 0; i < envs.size(); ++i)
      if (envs[i].name == name) return i;
    return envs.size();
  };
  const auto f = index(from), t = index(to);
  if (t == f + 1) return;
  const std::string anyway = " (--skip-order promotes " + from + " → " + to + " anyway)";
  if (t < f) throw Error("promotion runs forward: " + to + " comes before " + from + anyway);
  throw Error("promotion goes to the next environment: after " + from + " comes " +
              envs[f + 1].name + ", not " + to + anyway);
}

}  // namespace

ReleasePlan plan_promote(const Workspace& repo, const PlatformSettings& settings,
                         const PromoteRequest& request) {
  select_environments(settings, {request.from});
  select_environments(settings, {request.to});
  if (request.from == request.to) throw UsageError("--from and --to name the same environment");
  if (!request.skip_order) check_promotion_order(settings, request.from, request.to);
  if (request.all == !request.services.empty())
    throw UsageError(request.all ? "give services or --all, not both"
                                 : "name the services to promote, or --all");
  // Every value file is read once and parsed once; the edit reuses the target's parse.
  std::vector<std::string> services = request.services;
  if (request.all) {
    // Deployed in both: listed in both environments (the listing holds regular files only).
    const auto instances = list_service_instances(repo, settings);
    std::set<std::string> in_target;
    for (const auto& i : instances)
      if (i.env == request.to) in_target.insert(i.service);
    for (const auto& i : instances)
      if (i.env == request.from && in_target.count(i.service)) services.push_back(i.service);
    if (services.empty())
      throw Error("no service is deployed in both " + request.from + " and " + request.to);
  }
  struct Texts {
    std::optional<std::string> source, target;
    std::exception_ptr unreadable;  // a read that failed, thrown in the service's turn
  };
  const auto read_texts = [&](std::size_t i) {
    Texts texts;
    try {
      validate_service_name(services[i]);
    } catch (const Error&) {
      return texts;  // refused in its turn, before any path is made of it
    }
    try {
      texts.source = repo.read(value_file_path(settings, services[i], request.from));
      if (texts.source)
        texts.target = repo.read(value_file_path(settings, services[i], request.to));
    } catch (...) {
      texts.unreadable = std::current_exception();
    }
    return texts;
  };
  struct Outcome {
    ImageRef target, source;
    std::string old_text;
    std::optional<std::string> new_text;  // none: the target has the image already
  };
  // Parsing and editing, the bulk of the work, run on every core; the reading too, where the
  // workspace may be read from any thread.
  auto outcomes = parallel_map_texts<Outcome>(
      services.size(), read_texts,
      [&](std::size_t i, const Texts& texts) {
        const auto& service = services[i];
        validate_service_name(service);
        if (texts.unreadable) std::rethrow_exception(texts.unreadable);
        const auto from_path = value_file_path(settings, service, request.from);
        const auto to_path = value_file_path(settings, service, request.to);
        if (!texts.source) throw Error(missing_value_file(service, request.from, from_path));
        if (!texts.target) throw Error(missing_value_file(service, request.to, to_path));
        const auto source = read_image(*texts.source, from_path);
        if (source.tag.empty()) throw Error(from_path + " has no image.tag to promote");
        const auto target_file = parse_value_file(*texts.target, to_path);
        const auto target = image_of(target_file, to_path);
        if (source == target) return Outcome{target, source, {}, std::nullopt};
        return Outcome{target, source, target_file.text(), with_image(target_file, target, source)};
      },
      repo.reads_concurrently());
  ReleasePlan plan{ChangeSet(repo), {}, {}, {}};
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto& service = services[i];
    auto& o = outcomes[i];
    if (!o.new_text) {
      plan.skipped.push_back({service, request.to, o.target});
      continue;
    }
    plan.edits.push_back({service, request.to, o.target, o.source});
    plan.changes.replace(value_file_path(settings, service, request.to), o.old_text,
                         std::move(*o.new_text), YamlChecked::yes);
  }
  plan.message = "chore(release): promote " + std::to_string(plan.edits.size()) +
                 " service(s) from " + request.from + " to " + request.to + "\n\n" +
                 body_of(plan.edits);
  return plan;
}

}  // namespace gitopsgen
