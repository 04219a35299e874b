#include "generators/git/git_identity.hpp"

#include <cstdlib>
#include <ctime>
#include <optional>
#include <regex>

#include "generators/error.hpp"

namespace gitopsgen::git {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::optional<std::string> config_string(git_repository* repo, const char* key) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) return std::nullopt;
  Config config(raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, config.get(), key) < 0 || value == nullptr || !*value)
    return std::nullopt;
  return std::string(value);
}

// Parses git's internal date format "<epoch> <+hhmm>" (optionally '@'-prefixed).
std::optional<std::pair<git_time_t, int>> parse_date(const std::string& variable) {
  const auto text = env(variable.c_str());
  if (!text) return std::nullopt;
  static const std::regex internal(R"(@?([0-9]+)(\s+([-+])([0-9]{2})([0-9]{2}))?)");
  std::smatch m;
  if (!std::regex_match(*text, m, internal))
    throw Error(variable + " '" + *text + "' is not in git's internal format '<epoch> <+hhmm>'");
  int offset = 0;
  if (m[2].matched) {
    offset = std::stoi(m[4]) * 60 + std::stoi(m[5]);
    if (m[3] == "-") offset = -offset;
  }
  return std::make_pair(static_cast<git_time_t>(std::stoll(m[1])), offset);
}

Signature make_signature(git_repository* repo, const char* role) {
  const std::string prefix = std::string("GIT_") + role + "_";
  const auto name = env((prefix + "NAME").c_str());
  const auto email = env((prefix + "EMAIL").c_str());
  const auto resolved_name = name ? name : config_string(repo, "user.name");
  const auto resolved_email = email ? email : config_string(repo, "user.email");
  if (!resolved_name || !resolved_email)
    throw Error(std::string("no commit identity: set ") + prefix + "NAME and " + prefix +
                "EMAIL, or git config user.name and user.email");
  git_signature* raw = nullptr;
  if (const auto date = parse_date(prefix + "DATE")) {
    check(git_signature_new(&raw, resolved_name->c_str(), resolved_email->c_str(), date->first,
                            date->second),
          "invalid commit identity");
  } else {
    check(git_signature_now(&raw, resolved_name->c_str(), resolved_email->c_str()),
          "invalid commit identity");
  }
  return Signature(raw);
}

}  // namespace

Identity resolve_identity(git_repository* repo) {
  return {make_signature(repo, "AUTHOR"), make_signature(repo, "COMMITTER")};
}

}  // namespace gitopsgen::git
