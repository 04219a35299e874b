// Release management: image tags set and promoted as exact, replayable edits of value files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/changeset.hpp"
#include "generators/platform/settings.hpp"

namespace gitopsgen {

// The image a value file deploys.
struct ImageRef {
  std::string repository;
  std::string tag;
  bool operator==(const ImageRef&) const = default;
};

// One service's image in one environment going from `before` to `after`.
struct ImageChange {
  std::string service;
  std::string env;
  ImageRef before;
  ImageRef after;
};

// One service's image in one environment, already as a release asks: nothing to change.
struct ImageUnchanged {
  std::string service;
  std::string env;
  ImageRef image;
};

// A release: the edits, the change they make and the commit message.
struct ReleasePlan {
  ChangeSet changes;
  std::vector<ImageChange> edits;
  std::vector<ImageUnchanged> skipped;  // already as asked, so not edited
  std::string message;
};

// The image in value file `text` (named `source` in errors); throws Error when it does not parse.
ImageRef read_image(const std::string& text, const std::string& source);

// What `set-image` asks for.
struct SetImageRequest {
  std::string service;
  std::string env;
  std::string tag;
  std::optional<std::string> repository;
};

// Sets the tag (and repository) of one service in one environment; throws Error on an unknown
// service or environment or an invalid tag or repository.
ReleasePlan plan_set_image(const Workspace& repo, const PlatformSettings& settings,
                           const SetImageRequest& request);

// What `set-image --env ENV SERVICE=TAG…` asks for: several services' tags in one environment.
struct SetImagesRequest {
  std::string env;
  std::vector<std::pair<std::string, std::string>> tags;  // service, tag
};

// Sets each service's tag in the environment, all in one change; throws Error on an unknown
// service or environment, an invalid tag, or a service named twice.
ReleasePlan plan_set_images(const Workspace& repo, const PlatformSettings& settings,
                            const SetImagesRequest& request);

// What `promote` asks for.
struct PromoteRequest {
  std::vector<std::string> services;  // empty with `all`: every service in both environments
  bool all = false;
  std::string from;
  std::string to;
  bool skip_order = false;  // allow `to` other than the environment right after `from`
};

// Copies the image of each service from one environment to another; services already equal are
// skipped; throws Error on an unknown service or environment, and on a `to` that is not the
// environment right after `from` in the platform's order unless `skip_order`.
ReleasePlan plan_promote(const Workspace& repo, const PlatformSettings& settings,
                         const PromoteRequest& request);

// Thrown when an edit no longer applies: the value was changed by someone else meanwhile.
class EditConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The change making `edits` in `repo`: a value still at `before` is set to `after`, one already at
// `after` is left alone; throws EditConflict for any other value.
ChangeSet apply_image_edits(const Workspace& repo, const PlatformSettings& settings,
                            const std::vector<ImageChange>& edits);

}  // namespace gitopsgen
