#include "generators/release/pull_request_link.hpp"

#include <cctype>
#include <cstdio>

namespace gitopsgen {
namespace {

struct WebRepo {
  std::string host;  // with ":port" for HTTP(S) remotes that name one
  std::string path;  // owner/name (GitLab: group/subgroup/name), without ".git"
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The web host and repository path of a git remote URL, or nothing for a local path.
std::optional<WebRepo> web_repo(const std::string& url) {
  std::string host, path;
  bool web_port = false;
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    const auto protocol = lower(url.substr(0, scheme));
    if (protocol != "https" && protocol != "http" && protocol != "ssh" && protocol != "git")
      return std::nullopt;
    web_port = protocol == "https" || protocol == "http";
    auto rest = url.substr(scheme + 3);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return std::nullopt;
    host = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  } else if (const auto colon = url.find(':');
             colon != std::string::npos && url.find('/') > colon && colon > 0) {
    host = url.substr(0, colon);  // scp-like: [user@]host:path
    path = url.substr(colon + 1);
  } else {
    return std::nullopt;
  }
  if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (const auto port = host.find(':'); port != std::string::npos && !web_port)
    host = host.substr(0, port);  // an SSH port says nothing about the web server's
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0)
    path.resize(path.size() - 4);
  if (host.empty() || path.find('/') == std::string::npos) return std::nullopt;
  return WebRepo{lower(host), path};
}

// `text` percent-encoded for a URL's query or path, keeping unreserved characters and '/'.
std::string encode(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += ch;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::optional<Forge> forge_of(const std::string& remote_url) {
  const auto repo = web_repo(remote_url);
  if (!repo) return std::nullopt;
  const auto& host = repo->host;
  if (host.find("github") != std::string::npos) return Forge::github;
  if (host.find("gitlab") != std::string::npos) return Forge::gitlab;
  if (host.find("bitbucket") != std::string::npos) return Forge::bitbucket;
  if (host.find("gitea") != std::string::npos || host.find("forgejo") != std::string::npos ||
      host.find("codeberg") != std::string::npos)
    return Forge::gitea;
  return std::nullopt;
}

std::optional<std::string> pull_request_url(const std::string& remote_url,
                                            const std::string& branch, const std::string& base) {
  const auto forge = forge_of(remote_url);
  const auto repo = web_repo(remote_url);
  if (!forge || !repo) return std::nullopt;
  const auto page = "https://" + repo->host + "/" + repo->path;
  switch (*forge) {
    case Forge::github:
      return page + "/compare/" + encode(base) + "..." + encode(branch) + "?expand=1";
    case Forge::gitea:
      return page + "/compare/" + encode(base) + "..." + encode(branch);
    case Forge::gitlab:
      return page + "/-/merge_requests/new?merge_request%5Bsource_branch%5D=" + encode(branch) +
             "&merge_request%5Btarget_branch%5D=" + encode(base);
    case Forge::bitbucket:
      return page + "/pull-requests/new?source=" + encode(branch) + "&dest=" + encode(base);
  }
  return std::nullopt;
}

}  // namespace gitopsgen
