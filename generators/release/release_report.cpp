#include "generators/release/release_report.hpp"

#include <algorithm>
#include <iterator>
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
  // Read in order (the repository may be a git tree) and parsed on every core, a chunk at a
  // time so that the texts held stay few.
  constexpr std::size_t kChunk = 1024;
  std::vector<ImageRef> images;
  images.reserve(instances.size());
  for (std::size_t start = 0; start < instances.size(); start += kChunk) {
    const auto count = std::min(kChunk, instances.size() - start);
    std::vector<std::string> texts;
    texts.reserve(count);
    for (std::size_t k = 0; k < count; ++k)
      texts.push_back(*repo.read(instances[start + k].value_file));
    auto chunk = parallel_map<ImageRef>(count, [&](std::size_t k) {
      return read_image(texts[k], instances[start + k].value_file);
    });
    std::move(chunk.begin(), chunk.end(), std::back_inserter(images));
  }
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
