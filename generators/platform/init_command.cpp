#include "generators/platform/init_command.hpp"

#include <unistd.h>

#include <regex>

#include "generators/error.hpp"
#include "generators/platform/names.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

// The directory that must be writable for `dir` to be filled: itself, or its nearest ancestor.
fs::path nearest_existing(fs::path dir) {
  std::error_code ec;
  while (!dir.empty() && !fs::exists(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
  return dir.empty() ? fs::path(".") : dir;
}

// `url` as Argo CD should clone it: an http(s) URL without the user and password git may keep
// in it (a token must never reach the repository); other forms unchanged.
std::string without_credentials(const std::string& url) {
  static const std::regex userinfo(R"(^(https?://)[^/@]*@)");
  return std::regex_replace(url, userinfo, "$1");
}

// The repository URL of the platform at `dir` in `repo` (none: a new repository): its `origin`
// remote's, or an Error saying what to do instead.
std::string origin_url(const std::optional<GitRepo>& repo, const fs::path& dir) {
  const auto url = repo ? repo->remote_url("origin") : std::nullopt;
  if (!url)
    throw Error("no repository URL for Argo CD: " + dir.string() +
                " has no `origin` remote; pass --repo-url URL (the URL Argo CD clones) or run "
                "`git remote add origin URL` first");
  return without_credentials(*url);
}

// Removes what `run_init` created if it fails before finishing.
struct CreatedPaths {
  std::optional<fs::path> top;  // outermost directory created, or the .git directory
  bool keep = false;
  ~CreatedPaths() {
    if (top && !keep) {
      std::error_code ec;
      fs::remove_all(*top, ec);
    }
  }
};

}  // namespace

ApplyResult run_init(const InitTarget& target, const ScaffoldSource& scaffolds,
                     const InitRequest& given, ApplyOptions options) {
  const fs::path dir = fs::absolute(target.dir).lexically_normal();
  auto request = given;
  validate_settings(request.settings);  // every other setting is named first
  require_single_line("branch", target.initial_branch);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error(dir.string() + " exists and is not a directory");
  const auto writable = nearest_existing(dir);
  if (::access(writable.c_str(), W_OK | X_OK) != 0)
    throw Error("cannot write to " + writable.string() + ": permission denied");

  auto repo = fs::exists(dir, ec) ? GitRepo::discover(dir) : std::nullopt;
  if (repo && fs::weakly_canonical(repo->workdir()) != fs::weakly_canonical(dir))
    throw Error(dir.string() + " is inside the repository " + repo->workdir().string() +
                "; run init at a repository root or in a new directory");

  const DiskWorkspace workspace(dir);
  if (target.repo_url_from_origin) {
    require_no_platform(workspace, request.overwrite);  // the plainer refusal first
    request.settings.repo_url = origin_url(repo, dir);
    try {
      validate_settings(request.settings);
    } catch (const Error& e) {
      throw Error(std::string("the origin remote's URL cannot be Argo CD's: ") + e.what() +
                  "; pass --repo-url URL");
    }
  }
  if (request.overwrite == Overwrite::yes && request.trust_anchor_lines.empty())
    request.trust_anchor_lines = recorded_trust_anchor(workspace);
  if (repo && !request.regeneration.blobs) {
    request.regeneration.blobs = [&repo](const std::string& id) { return repo->read_blob(id); };
    request.regeneration.checked_later = [&repo](const std::string& path) {
      return repo->has_local_change_or_link(path);
    };
  }
  const auto changes = plan_init(workspace, scaffolds, request);
  if (options.message.empty()) options.message = init_commit_message(request.settings);
  if (options.mode == ApplyOptions::Mode::dry_run)
    return apply_changes(nullptr, dir, changes, options);

  CreatedPaths created;
  if (!fs::exists(dir, ec)) {
    fs::path top = dir;
    while (!fs::exists(top.parent_path(), ec)) top = top.parent_path();
    created.top = top;
  }
  if (!repo && options.mode == ApplyOptions::Mode::commit) {
    if (!created.top) created.top = dir / ".git";
    repo = GitRepo::create(dir, target.initial_branch);
  } else if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());
  }
  auto result = apply_changes(repo ? &*repo : nullptr, dir, changes, options);
  created.keep = true;
  return result;
}

}  // namespace gitopsgen
