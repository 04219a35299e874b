// libFuzzer harness for the services spec loaders: `add-service --from-file` (one service) and
// `apply -f` (a `services:` list, planned against an in-memory platform holding service-a).
// Each either throws gitopsgen::Error or succeeds; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/platform/init_platform.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/apply_services.hpp"
#include "generators/services/service_spec.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace gitopsgen;

namespace {

// The scaffolded platform with one service, built once.
struct Platform {
  MemoryWorkspace repo;
  ScaffoldSource scaffolds;
  PlatformSettings settings;

  Platform() {
    const auto init = plan_init(repo, scaffolds, InitRequest{});
    for (const auto& c : init.changes()) repo.put(c.path, *init.new_bytes(c));
    settings = load_settings(repo);
    const auto plan = plan_apply_services(repo, scaffolds, settings,
                                          "services:\n  - name: service-a\n    language: java\n",
                                          "services.yaml", false);
    for (const auto& c : plan.changes.changes()) repo.put(c.path, *plan.changes.new_bytes(c));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Platform platform;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto spec = service_spec_from_yaml(text, "service.yaml");
    validate_service_spec(spec, platform.settings.registry);
  } catch (const Error&) {
  }
  try {
    const bool prune = size % 2 == 1;
    const auto plan = plan_apply_services(platform.repo, platform.scaffolds, platform.settings,
                                          text, "services.yaml", prune);
    FUZZ_CHECK(!plan.message.empty() || plan.changes.empty(), "a change without a message");
    check_changeset(plan.changes);
  } catch (const Error&) {
  }
  return 0;
}
