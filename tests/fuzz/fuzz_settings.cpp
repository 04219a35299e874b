// libFuzzer harness for the platform settings loader (gitopsgen.yaml, generators/settings.hpp):
// a text either is refused with gitopsgen::Error or gives settings that are valid and survive a
// write and a re-read unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generators/error.hpp"
#include "generators/platform/settings.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace gitopsgen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  PlatformSettings settings;
  try {
    settings = settings_from_yaml(text, "gitopsgen.yaml");
  } catch (const Error&) {
    return 0;
  }
  try {
    validate_settings(settings);
  } catch (const Error& e) {
    fuzz_fail("loaded settings fail validation", e.what());
  }
  PlatformSettings again;
  try {
    again = settings_from_yaml(settings_to_yaml(settings), "gitopsgen.yaml");
  } catch (const Error& e) {
    fuzz_fail("written settings do not load again", e.what());
  }
  FUZZ_CHECK(again == settings, "settings change on a write and re-read");
  return 0;
}
