#include "generators/release/release_report.hpp"

#include <map>

#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/release/version_order.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {

const char* drift_name(Drift drift) {
  switch (drift) {
    case Drift::same:
      return "same";
    case Drift::behind:
      return "behind";
    case Drift::ahead:
      return "ahead";
    case Drift::differs:
      return "differs";
  }
  return "differs";
}

Drift drift_of(const ImageRef& earlier, const ImageRef& image) {
  if (earlier == image) return Drift::same;
  // The tags say which release is newer, even where a promotion also moves the repository.
  const auto order = compare_versions(image.tag, earlier.tag);
  if (!order || *order == 0) return Drift::differs;  // "1.0" and "1.0.0": equal, yet not alike
  return *order < 0 ? Drift::behind : Drift::ahead;
}

std::vector<StatusRow> read_status(const Workspace& repo, const PlatformSettings& settings) {
  std::map<std::string, StatusRow> rows;
  const auto& envs = settings.environments;
  const auto instances = list_service_instances(repo, settings);
  auto images = parallel_map_texts<ImageRef>(
      instances.size(), [&](std::size_t k) { return *repo.read(instances[k].value_file); },
      [&](std::size_t k, const std::string& text) {
        return read_image(text, instances[k].value_file);
      },
      repo.reads_concurrently());
  for (std::size_t k = 0; k < instances.size(); ++k) {
    const auto& instance = instances[k];
    auto& row = rows[instance.service];
    if (row.service.empty()) {
      row.service = instance.service;
      row.images.resize(envs.size());
      row.drift.resize(envs.size(), Drift::same);
    }
    for (std::size_t i = 0; i < envs.size(); ++i)
      if (envs[i].name == instance.env) row.images[i] = std::move(images[k]);
  }
  std::vector<StatusRow> out;
  for (auto& [name, row] : rows) {
    const ImageRef* previous = nullptr;
    for (std::size_t i = 0; i < envs.size(); ++i) {
      if (!row.images[i]) continue;
      if (previous) row.drift[i] = drift_of(*previous, *row.images[i]);
      previous = &*row.images[i];
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace gitopsgen
