#include "generators/git/git_handles.hpp"

#include "generators/error.hpp"
#include "generators/git/ca_bundle.hpp"

namespace gitopsgen::git {

void ensure_libgit2() {
  // Never shut down: handles may outlive any scope, and the process ends soon after. The CA
  // bundle is parsed only when a remote needs it (ca_bundle.hpp).
  static const int initialised = init_libgit2_deferring_ca_bundle();
  (void)initialised;
}

std::string last_error_message() {
  const git_error* e = git_error_last();  // libgit2 1.5 may return NULL
  if (e == nullptr || e->message == nullptr) return "unknown libgit2 error";
  std::string message = e->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == '.')) message.pop_back();
  // Errors are one line: TLS libraries report several.
  for (auto pos = message.find('\n'); pos != std::string::npos; pos = message.find('\n', pos))
    message.replace(pos, 1, "; ");
  return message;
}

int check(int code, const std::string& what) {
  if (code < 0) throw Error(what + ": " + last_error_message());
  return code;
}

}  // namespace gitopsgen::git
