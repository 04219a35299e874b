// libFuzzer harness for the name, image and host checks (generators/names.hpp and the
// validators of generators/service_spec.hpp and settings.hpp). Each check either passes or throws
// gitopsgen::Error with a one-line message, and the simple ones agree with a plain reference
// written here. An input starting with '*' is repeated to 300,000 bytes: values in a YAML file
// may be that long.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "generators/error.hpp"
#include "generators/platform/names.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/service_spec.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace gitopsgen;

namespace {

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool alnum(char c) {
  return lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

bool label_ref(const std::string& s) {
  if (s.empty() || s.size() > 63 || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

bool subdomain_ref(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = s.find('.', start);
    if (!label_ref(s.substr(start, dot == std::string::npos ? dot : dot - start))) return false;
    if (dot == std::string::npos)
      return s.substr(start).find_first_not_of("0123456789") != std::string::npos;
    start = dot + 1;
  }
}

bool tag_ref(const std::string& s) {
  if (s.empty() || s.size() > 128 || !(alnum(s[0]) || s[0] == '_')) return false;
  for (char c : s)
    if (!alnum(c) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

bool path_ref(const std::string& s) {
  if (s.empty() || s[0] != '/' || s.size() > 1024) return false;
  for (char c : s)
    if (!alnum(c) && std::string("/._~-").find(c) == std::string::npos) return false;
  // No `.` or `..` segment: split on '/' and look at each piece.
  for (std::size_t begin = 1; begin <= s.size();) {
    auto end = s.find('/', begin);
    if (end == std::string::npos) end = s.size();
    const auto piece = s.substr(begin, end - begin);
    if (piece == "." || piece == "..") return false;
    begin = end + 1;
  }
  return true;
}

bool single_line_ref(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

// Whether the input holds a line break; error messages quote the value as it is (known, reported:
// the CLI should escape it), so only a break the input lacks is a finding.
bool input_breaks = false;

// Runs `check`: true when it passed, false when it threw Error, whose message must be one line.
bool passes(const char* what, const std::function<void()>& check) {
  try {
    check();
    return true;
  } catch (const Error& e) {
    const std::string message = e.what();
    if (message.empty() || (!input_breaks && message.find_first_of("\r\n") != std::string::npos))
      fuzz_fail("an error message is not one line", std::string(what) + ": " + message);
    return false;
  }
}

void agree(const char* what, bool got, bool expected) {
  if (got != expected) fuzz_fail("a check disagrees with the reference", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  if (!s.empty() && s[0] == '*') {
    const auto piece = s.substr(1);
    s.clear();
    while (!piece.empty() && s.size() < 300'000) s += piece;
  }
  input_breaks = s.find_first_of("\r\n") != std::string::npos;
  agree("is_dns1123_label", is_dns1123_label(s), label_ref(s));
  agree("is_dns1123_subdomain", is_dns1123_subdomain(s), subdomain_ref(s));
  agree("require_dns1123_label", passes("label", [&] { require_dns1123_label("name", s); }),
        label_ref(s));
  agree("validate_service_name", passes("service", [&] { validate_service_name(s); }),
        label_ref(s));
  agree("validate_host", passes("host", [&] { validate_host(s); }), subdomain_ref(s));
  agree("validate_image_tag", passes("tag", [&] { validate_image_tag(s); }), tag_ref(s));
  agree("validate_ingress_path", passes("path", [&] { validate_ingress_path(s); }), path_ref(s));
  agree("require_single_line", passes("line", [&] { require_single_line("value", s); }),
        single_line_ref(s));

  for (const char* registry :
       {"YOUR_ECR_REGISTRY", "123456789012.dkr.ecr.us-east-1.amazonaws.com"}) {
    if (passes("image", [&] { validate_image_repository(s, registry); }))
      FUZZ_CHECK(s.size() <= 255 && single_line_ref(s), "an image reference Docker refuses");
  }
  std::map<std::string, int> replicas;
  std::vector<std::pair<std::string, std::string>> env;
  SecretSpec secret;
  passes("secret", [&] { secret = parse_secret_flag(s); });
  passes("replicas", [&] { parse_replicas_flag(s, replicas); });
  passes("env", [&] { parse_env_flag(s, env); });
  passes("bounded int", [&] { parse_bounded_int("count", s, 1000); });
  passes("port", [&] { validate_port(parse_bounded_int("port", s, 65535)); });
  passes("environments", [&] { parse_environment_list(s); });
  PlatformSettings settings;
  settings.repo_url = s;
  passes("repo url", [&] { validate_settings(settings); });
  settings = {};
  settings.domain = s;
  passes("domain", [&] { validate_settings(settings); });
  settings = {};
  settings.registry = s;
  passes("registry", [&] { validate_settings(settings); });
  return 0;
}
