#include "generators/release/rollback.hpp"

#include <algorithm>

#include "generators/error.hpp"
#include "generators/release/image_history.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {
namespace {

// True when `images` holds what `request` looks for: its --to tag, or --steps earlier images.
bool enough(const RollbackRequest& request, const std::vector<ImageRef>& images) {
  if (request.to)
    return std::any_of(images.begin() + 1, images.end(),
                       [&](const ImageRef& image) { return image.tag == *request.to; });
  return images.size() > request.steps;
}

// The images `service` ran in `env`, newest first, each once: the current one, then the others
// at the last time each ran. Reads only as much of the history as the request needs: as many
// changes as --steps first, eight times more while that was not enough, all of it at last.
std::vector<ImageRef> images_run(GitRepo& repo, const PlatformSettings& settings,
                                 const RollbackRequest& request, const ImageRef& current) {
  for (std::size_t limit = request.to ? 1 : std::max<std::size_t>(request.steps, 1);; limit *= 8) {
    const auto entries =
        read_history(repo, settings, {request.service, request.env, limit, std::nullopt});
    std::vector<ImageRef> images{current};
    for (const auto& e : entries) {
      for (const auto* image : {&e.after, &e.before}) {
        if (image->tag.empty() || std::find(images.begin(), images.end(), *image) != images.end())
          continue;
        images.push_back(*image);
      }
    }
    if (entries.size() < limit || enough(request, images)) return images;
  }
}

std::string tags_of(const std::vector<ImageRef>& images) {
  std::string out;
  for (std::size_t i = 1; i < images.size(); ++i) out += (i > 1 ? ", " : "") + images[i].tag;
  return out;
}

// The image `request` goes back to, from `images` (images_run's list).
ImageRef target_of(const RollbackRequest& request, const std::vector<ImageRef>& images) {
  const auto& where = request.service + " in " + request.env;
  if (request.to) {
    if (*request.to == images[0].tag) return images[0];
    for (std::size_t i = 1; i < images.size(); ++i) {
      if (images[i].tag == *request.to) return images[i];
    }
    if (request.force) return {images[0].repository, *request.to};
    throw Error(where + " never ran " + *request.to + " (" +
                (images.size() > 1 ? "it ran " + tags_of(images) : "it ran no other image") +
                "); --force sets it anyway");
  }
  if (request.steps == 0) throw UsageError("--steps must be 1 or more");
  if (images.size() == 1) throw Error(where + " has run no other image to go back to");
  if (request.steps >= images.size())
    throw Error(where + " has run " + std::to_string(images.size() - 1) + " earlier image(s) (" +
                tags_of(images) + "): --steps " + std::to_string(request.steps) +
                " goes past the start of its history");
  return images[request.steps];
}

}  // namespace

ReleasePlan plan_rollback(GitRepo& repo, const Workspace& work, const PlatformSettings& settings,
                          const RollbackRequest& request) {
  validate_service_name(request.service);
  if (request.to) validate_image_tag(*request.to);
  select_environments(settings, {request.env});
  const auto path = value_file_path(settings, request.service, request.env);
  const auto text = work.read(path);
  if (!text)
    throw Error("service '" + request.service + "' has no value file in " + request.env + " (" +
                path + ")");
  const auto current = read_image(*text, path);
  const auto target = target_of(request, images_run(repo, settings, request, current));
  SetImageRequest set{request.service, request.env, target.tag, std::nullopt};
  if (target.repository != current.repository) set.repository = target.repository;
  auto plan = plan_set_image(work, settings, set);
  const auto body = plan.message.substr(plan.message.find("\n\n"));
  plan.message = "chore(release): roll back " + request.service + " in " + request.env + " to " +
                 target.tag + body;
  return plan;
}

}  // namespace gitopsgen
