#include "generators/git/git_remote.hpp"

#include <cstdlib>
#include <regex>

#include "generators/error.hpp"
#include "generators/git/ca_bundle.hpp"
#include "generators/git/known_hosts.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// What the callbacks share for one network operation.
struct Session {
  const RemoteAuth* auth;
  std::string url;
  std::string failure;  // why a callback refused, for the error message
  int credential_calls = 0;
  std::string rejection;  // a push refused by the remote
};

int port_of(const std::string& url) {
  static const std::regex with_port(R"(^[a-z+]+://(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/]*):([0-9]+))");
  std::smatch m;
  return std::regex_search(url, m, with_port) ? std::stoi(m[1]) : 22;
}

int acquire_credentials(git_credential** out, const char*, const char* username_from_url,
                        unsigned int allowed, void* payload) {
  auto* s = static_cast<Session*>(payload);
  // libgit2 asks again after every refusal: answer once per kind, then report failure.
  if (++s->credential_calls > 2) {
    s->failure = "the remote refused the credentials";
    return GIT_EUSER;
  }
  const std::string user = username_from_url && *username_from_url ? username_from_url : "";
  if (allowed & GIT_CREDENTIAL_SSH_KEY) {
    const std::string ssh_user = user.empty() ? "git" : user;
    if (s->auth->ssh_key)
      return git_credential_ssh_key_new(out, ssh_user.c_str(), nullptr, s->auth->ssh_key->c_str(),
                                        nullptr);
    return git_credential_ssh_key_from_agent(out, ssh_user.c_str());
  }
  if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
    if (!s->auth->token) {
      s->failure = "the remote asks for credentials: set GITOPSGEN_TOKEN (or GIT_TOKEN)";
      return GIT_EUSER;
    }
    return git_credential_userpass_plaintext_new(
        out, user.empty() ? s->auth->username.c_str() : user.c_str(), s->auth->token->c_str());
  }
  if (allowed & GIT_CREDENTIAL_USERNAME)
    return git_credential_username_new(out, user.empty() ? "git" : user.c_str());
  s->failure = "the remote asks for a kind of credential gitopsgen does not support";
  return GIT_EUSER;
}

int check_certificate(git_cert* cert, int, const char* host, void* payload) {
  auto* s = static_cast<Session*>(payload);
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return GIT_PASSTHROUGH;  // TLS: libgit2 verifies
  const auto* hostkey = reinterpret_cast<const git_cert_hostkey*>(cert);
  if (!(hostkey->type & GIT_CERT_SSH_RAW)) {
    s->failure = "the SSH server's host key cannot be checked";
    return GIT_EUSER;
  }
  const auto& file = s->auth->known_hosts;
  std::string known;
  try {
    known = read_file(file);
  } catch (const Error&) {
    known.clear();
  }
  const auto port = port_of(s->url);
  switch (check_host_key(known, host, port, std::string(hostkey->hostkey, hostkey->hostkey_len))) {
    case HostKeyVerdict::match:
      return 0;
    case HostKeyVerdict::mismatch:
      s->failure = "the host key of " + std::string(host) + " does not match " + file.string() +
                   ": refusing to connect (possible man-in-the-middle)";
      return GIT_EUSER;
    case HostKeyVerdict::unknown:
      break;
  }
  s->failure = "the host key of " + std::string(host) +
               (port == 22 ? "" : ":" + std::to_string(port)) + " is not in " + file.string() +
               ": refusing an unknown host (add it with ssh-keyscan after checking it)";
  return GIT_EUSER;
}

int record_rejection(const char* refname, const char* status, void* payload) {
  if (status != nullptr)
    static_cast<Session*>(payload)->rejection = std::string(refname) + ": " + status;
  return 0;
}

git_remote_callbacks callbacks_for(Session& session) {
  git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
  cb.credentials = acquire_credentials;
  cb.certificate_check = check_certificate;
  cb.push_update_reference = record_rejection;
  cb.payload = &session;
  return cb;
}

std::string scrub(std::string text, const RemoteAuth& auth) {
  if (auth.token) {
    for (auto pos = text.find(*auth.token); pos != std::string::npos;
         pos = text.find(*auth.token, pos))
      text.replace(pos, auth.token->size(), "***");
  }
  return text;
}

// Trusts the system CA bundle, or the one in GIT_SSL_CAINFO (git's variable) or SSL_CERT_FILE
// when set, once.
void configure_tls_trust() {
  static const bool done = [] {
    git::load_system_ca_bundle();
    auto file = env("GIT_SSL_CAINFO");
    if (!file) file = env("SSL_CERT_FILE");
    if (file && git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file->c_str(), nullptr) < 0)
      throw Error("cannot use the CA certificates in " + *file + ": " + git::last_error_message());
    return true;
  }();
  (void)done;
}

}  // namespace

std::string redact_url(const std::string& url) {
  static const std::regex password(R"(^([a-z+]+://[^:@/]*):[^@/]*@)");
  return std::regex_replace(url, password, "$1:***@");
}

RemoteAuth auth_from_environment() {
  RemoteAuth auth;
  auth.token = env("GITOPSGEN_TOKEN");
  if (!auth.token) auth.token = env("GIT_TOKEN");
  if (auto user = env("GITOPSGEN_USERNAME")) auth.username = *user;
  if (auto key = env("GITOPSGEN_SSH_KEY")) auth.ssh_key = *key;
  auth.known_hosts = default_known_hosts();
  return auth;
}

Remote::Remote(GitRepo& repo, const std::string& name_or_url, RemoteAuth auth)
    : auth_(std::move(auth)) {
  configure_tls_trust();
  if (git_remote_lookup(&remote_, repo.raw(), name_or_url.c_str()) == 0) return;
  std::string url = name_or_url;
  std::error_code ec;
  if (url.find("://") == std::string::npos && url.find('@') == std::string::npos) {
    if (!fs::exists(url, ec))
      throw Error("remote '" + url +
                  "' is not a remote of this repository, a URL or an existing path");
    url = fs::absolute(url).string();
  }
  if (git_remote_create_anonymous(&remote_, repo.raw(), url.c_str()) < 0)
    throw Error("'" + redact_url(name_or_url) +
                "' is neither a remote of this repository nor a usable URL");
}

Remote::~Remote() {
  git_remote_free(remote_);
}

std::string Remote::display_url() const {
  return redact_url(git_remote_url(remote_));
}

std::optional<git_oid> Remote::fetch_branch(const std::string& branch) {
  Session session{&auth_, git_remote_url(remote_), {}, 0, {}};
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  options.callbacks = callbacks_for(session);
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  const char* name = git_remote_name(remote_);
  const std::string spec = name ? "+refs/heads/" + branch + ":refs/remotes/" + name + "/" + branch
                                : "refs/heads/" + branch;
  char* specs[] = {const_cast<char*>(spec.c_str())};
  const git_strarray refspecs = {specs, 1};
  if (git_remote_fetch(remote_, &refspecs, &options, nullptr) < 0) {
    const auto why = session.failure.empty() ? git::last_error_message() : session.failure;
    throw Error(scrub("cannot fetch from " + display_url() + ": " + why, auth_));
  }
  const git_remote_head** heads = nullptr;
  std::size_t count = 0;
  git::check(git_remote_ls(&heads, &count, remote_), "cannot list " + display_url());
  const std::string wanted = "refs/heads/" + branch;
  for (std::size_t i = 0; i < count; ++i) {
    if (wanted == heads[i]->name) return heads[i]->oid;
  }
  return std::nullopt;
}

PushOutcome Remote::push(const std::string& local_ref, const std::string& branch) {
  Session session{&auth_, git_remote_url(remote_), {}, 0, {}};
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  options.callbacks = callbacks_for(session);
  const std::string spec = local_ref + ":refs/heads/" + branch;
  char* specs[] = {const_cast<char*>(spec.c_str())};
  const git_strarray refspecs = {specs, 1};
  if (git_remote_push(remote_, &refspecs, &options) < 0) {
    const auto message = session.failure.empty() ? git::last_error_message() : session.failure;
    // libgit2 refuses a non-fast-forward itself for some transports.
    if (session.failure.empty() && (message.find("fast-forward") != std::string::npos ||
                                    message.find("fetch first") != std::string::npos))
      return PushOutcome::rejected;
    throw Error(scrub("cannot push to " + display_url() + ": " + message, auth_));
  }
  if (!session.rejection.empty()) {
    if (session.rejection.find("fast-forward") != std::string::npos ||
        session.rejection.find("fetch first") != std::string::npos ||
        session.rejection.find("stale") != std::string::npos)
      return PushOutcome::rejected;
    throw Error(scrub("the remote refused the push: " + session.rejection, auth_));
  }
  return PushOutcome::pushed;
}

}  // namespace gitopsgen
