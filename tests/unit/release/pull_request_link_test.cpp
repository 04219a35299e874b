#include "generators/release/pull_request_link.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

TEST_CASE("GitHub: HTTPS, scp-like and ssh:// remotes give the same compare page") {
  const std::string page = "https://github.com/acme/gitops/compare/main...release/a-5?expand=1";
  CHECK(pull_request_url("https://github.com/acme/gitops.git", "release/a-5", "main") == page);
  CHECK(pull_request_url("https://x-access-token:s3cret@github.com/acme/gitops", "release/a-5",
                         "main") == page);
  CHECK(pull_request_url("git@github.com:acme/gitops.git", "release/a-5", "main") == page);
  CHECK(pull_request_url("ssh://git@github.com:22/acme/gitops.git/", "release/a-5", "main") ==
        page);
}

TEST_CASE("GitLab (subgroups too), Bitbucket and Gitea have pages of their own") {
  CHECK(pull_request_url("https://gitlab.com/acme/platform/gitops.git", "rel", "main") ==
        "https://gitlab.com/acme/platform/gitops/-/merge_requests/new?"
        "merge_request%5Bsource_branch%5D=rel&merge_request%5Btarget_branch%5D=main");
  CHECK(pull_request_url("git@gitlab.example.com:team/gitops.git", "a b", "main") ==
        "https://gitlab.example.com/team/gitops/-/merge_requests/new?"
        "merge_request%5Bsource_branch%5D=a%20b&merge_request%5Btarget_branch%5D=main");
  CHECK(pull_request_url("https://bitbucket.org/ws/gitops.git", "rel", "develop") ==
        "https://bitbucket.org/ws/gitops/pull-requests/new?source=rel&dest=develop");
  CHECK(pull_request_url("https://gitea.example.com:3000/ops/gitops.git", "rel", "main") ==
        "https://gitea.example.com:3000/ops/gitops/compare/main...rel");
  CHECK(pull_request_url("git@codeberg.org:ops/gitops.git", "rel", "main") ==
        "https://codeberg.org/ops/gitops/compare/main...rel");
}

TEST_CASE("unknown hosts and local paths get no link") {
  CHECK_FALSE(pull_request_url("https://git.example.com/p/gitops.git", "rel", "main"));
  CHECK_FALSE(pull_request_url("/srv/git/gitops.git", "rel", "main"));
  CHECK_FALSE(pull_request_url("file:///srv/git/gitops.git", "rel", "main"));
  CHECK_FALSE(pull_request_url("../gitops", "rel", "main"));
  CHECK_FALSE(pull_request_url("https://github.com/", "rel", "main"));
  CHECK(forge_of("git@github.com:a/b.git") == Forge::github);
  CHECK_FALSE(forge_of("C:/repos/gitops"));
}
