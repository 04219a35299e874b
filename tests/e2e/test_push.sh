#!/usr/bin/env bash
# --push against real remotes on loopback: a bare repository by path, git http-backend behind
# lighttpd with a token, OpenSSH with a key, an agent and known_hosts. A second pusher racing us
# makes the non-fast-forward case; changing the same value makes a conflict.
. "$(dirname "$0")/lib.sh"
SERVERS="$SOURCE_DIR/tests/e2e/servers"
HTTP_STATE="$WORK/http-state" SSH_STATE="$WORK/ssh-state" REPOS="$WORK/repos"
SSH_AGENT_PID=""
export GIT_TEST_SERVER_LIFETIME=${GIT_TEST_SERVER_LIFETIME:-660}
cleanup() {
  "$SERVERS/http_git_server.sh" stop "$HTTP_STATE" >/dev/null 2>&1 || true
  "$SERVERS/http_git_server.sh" stop "$WORK/https-state" >/dev/null 2>&1 || true
  "$SERVERS/ssh_git_server.sh" stop "$SSH_STATE" >/dev/null 2>&1 || true
  [ -z "$SSH_AGENT_PID" ] || kill "$SSH_AGENT_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export GIT_TERMINAL_PROMPT=0
unset SSH_AUTH_SOCK GITOPSGEN_TOKEN GIT_TOKEN
G="$GITOPSGEN"
mkdir -p "$REPOS"
tag_of() { git --git-dir="$1" show "main:charts/vsf-miniapp/ci/$2.yaml" | sed -n 's/^  tag: //p'; }

# The platform, published to a bare repository; "ours" and "theirs" are two clones of it.
"$G" init --repo-url "$GUIDE_REPO" seed -q
for s in service-a:java service-b:nodejs; do "$G" -C seed add-service "${s%%:*}" -l "${s##*:}" -q; done
git clone -q --bare seed "$REPOS/platform.git"
git clone -q "$REPOS/platform.git" ours
git clone -q "$REPOS/platform.git" theirs

case_ "push to a bare repository by path"
"$G" -C ours set-image service-a --env dev --tag 1.1.0 --push -q
check "remote main is our HEAD" eq "$(git --git-dir="$REPOS/platform.git" rev-parse main)" "$(git -C ours rev-parse HEAD)"
check "tag on the remote" eq "$(tag_of "$REPOS/platform.git" service-a-dev)" "1.1.0"
check "origin/main updated" eq "$(git -C ours rev-parse origin/main)" "$(git -C ours rev-parse HEAD)"

case_ "the remote moved on: fetch, replay the same edit on its head, push"
git -C theirs pull -q
sed -i 's/^  tag: 1.0.0$/  tag: 2.0.0/' theirs/charts/vsf-miniapp/ci/service-b-dev.yaml
git -C theirs commit -qam "their release of service-b" && git -C theirs push -q
theirs_head=$(git -C theirs rev-parse HEAD)
out=$("$G" -C ours set-image service-a --env staging --tag 1.1.0 --push -o json)
check "pushed after a replay" /usr/bin/python3 -c '
import json,sys; d = json.loads(sys.argv[1]); assert d["pushed"] and d["replays"] == 1 and d["attempts"] == 1, d' "$out"
check "our commit sits on theirs" eq "$(git -C ours rev-parse HEAD~1)" "$theirs_head"
check "remote has both releases" eq "$(tag_of "$REPOS/platform.git" service-b-dev) $(tag_of "$REPOS/platform.git" service-a-staging)" "2.0.0 1.1.0"
check "our work tree has their change too" grep -q "tag: 2.0.0" ours/charts/vsf-miniapp/ci/service-b-dev.yaml
check "clean" eq "$(git -C ours status --porcelain)" ""
check "remote is linear, no merge" eq "$(git --git-dir="$REPOS/platform.git" rev-list --merges --count main)" "0"

case_ "someone changed the same value: stop, keep our commit on a named branch"
git -C theirs pull -q
sed -i 's/^  tag: 1.0.0$/  tag: 9.9.9/' theirs/charts/vsf-miniapp/ci/service-a-production.yaml
git -C theirs commit -qam "hotfix service-a" && git -C theirs push -q
before=$(git -C ours rev-parse HEAD)
rc=0; "$G" -C ours set-image service-a --env production --tag 1.1.0 --push >out 2>err || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "one line" eq "$(wc -l <err)" "1"
check "says why" contains "$(cat err)" "the image of service-a in production is now YOUR_ECR_REGISTRY/vsf-miniapp-service-a:9.9.9, not YOUR_ECR_REGISTRY/vsf-miniapp-service-a:1.0.0"
branch=$(git -C ours for-each-ref --format='%(refname:short)' 'refs/heads/gitopsgen/conflict-*')
check "conflict branch named in the message" contains "$(cat err)" "kept on branch $branch"
check "it holds our edit" eq "$(git -C ours show "$branch:charts/vsf-miniapp/ci/service-a-production.yaml" | sed -n 's/^  tag: //p')" "1.1.0"
check "main is back where it was" eq "$(git -C ours rev-parse HEAD)" "$before"
check "work tree clean" eq "$(git -C ours status --porcelain)" ""
check "remote keeps the hotfix" eq "$(tag_of "$REPOS/platform.git" service-a-production)" "9.9.9"

case_ "a replay is checked like any commit: a secret pushed past gitopsgen stops it"
git -C theirs pull -q
PW='q7N#vR2$kL9@xW4z'
# Pushed by git, past gitopsgen's guard, into the file our release rewrites.
printf 'dbPassword: "%s"\n' "$PW" >>theirs/charts/vsf-miniapp/ci/service-b-production.yaml
git -C theirs commit -qam "a secret, committed by hand" && git -C theirs push -q
theirs_head=$(git -C theirs rev-parse HEAD)
before=$(git -C ours rev-parse HEAD)
rc=0; "$G" -C ours set-image service-b --env production --tag 4.0.0 --push >out 2>err || rc=$?
check "exit non-zero" test "$rc" -ne 0
check "one line" eq "$(wc -l <err)" "1"
check "says the replay stopped, and why" contains "$(cat err)" "cannot replay the release on the remote's new commits: refusing to commit: charts/vsf-miniapp/ci/service-b-production.yaml:"
check "names the rule" contains "$(cat err)" "high-entropy secret under dbPassword"
check "the secret is not printed" not_contains "$(cat err) $(cat out)" "$PW"
check "our commit kept on a branch" contains "$(cat err)" "kept on branch gitopsgen/conflict-"
check "main is back where it was" eq "$(git -C ours rev-parse HEAD)" "$before"
check "work tree clean" eq "$(git -C ours status --porcelain)" ""
check "nothing pushed" eq "$(git --git-dir="$REPOS/platform.git" rev-parse main)" "$theirs_head"
# Clean the remote again for the cases below.
git -C theirs revert --no-edit HEAD >/dev/null && git -C theirs push -q
git -C ours pull -q

case_ "--branch pushes a new branch for a pull request"
git -C ours pull -q
"$G" -C ours promote --all --from dev --to staging --branch release/dev-to-staging --push -q
check "remote has the branch" eq "$(git --git-dir="$REPOS/platform.git" rev-parse release/dev-to-staging)" "$(git -C ours rev-parse release/dev-to-staging)"
check "main untouched on the remote" eq "$(git --git-dir="$REPOS/platform.git" rev-parse main)" "$(git -C ours rev-parse main)"
"$G" -C ours set-image service-a --env dev --tag 5.5.5 --branch release/a-555 --base main --push -o json >pr.json
check "no forge behind a path remote: no pull-request link" eq "$(python3 -c 'import json; print(json.load(open("pr.json"))["pull_request"])')" "None"
check "--base without --branch is refused" eq "$(rc=0; "$G" -C ours set-image service-a --env dev --tag 5.5.6 --base main --push 2>err || rc=$?; echo $rc)" "2"
check "says why" contains "$(cat err)" "--base has no effect without --branch and --push"

case_ "HTTP: basic auth with a token; the token never shows"
TOKEN="tok-$RANDOM$RANDOM-secret"
BASE=$("$SERVERS/http_git_server.sh" start "$HTTP_STATE" "$REPOS" alice "$TOKEN")
git -C ours remote add web "$BASE/platform.git"
GITOPSGEN_TOKEN=$TOKEN GITOPSGEN_USERNAME=alice "$G" -C ours set-image service-b --env staging --tag 3.0.0 --push --remote web >out 2>&1
check "pushed over HTTP" eq "$(tag_of "$REPOS/platform.git" service-b-staging)" "3.0.0"
check "token not printed" not_contains "$(cat out)" "$TOKEN"
GIT_TOKEN=$TOKEN GITOPSGEN_USERNAME=alice "$G" -C ours set-image service-b --env staging --tag 3.0.1 --push --remote web -q
check "GIT_TOKEN works too" eq "$(tag_of "$REPOS/platform.git" service-b-staging)" "3.0.1"
R="$WORK/ours"
refuses "no token: nothing committed" "$R" "set GITOPSGEN_TOKEN" "$G" -C ours set-image service-b --env staging --tag 3.0.2 --push --remote web
GITOPSGEN_TOKEN="wrong-$TOKEN" GITOPSGEN_USERNAME=alice "$G" -C ours set-image service-b --env staging --tag 3.0.2 --push --remote web >out 2>err || true
check "wrong token refused" contains "$(cat err)" "cannot fetch from $BASE/platform.git"
check "wrong token never printed" not_contains "$(cat out err)" "$TOKEN"
check "remote unchanged" eq "$(tag_of "$REPOS/platform.git" service-b-staging)" "3.0.1"
GITOPSGEN_TOKEN=$TOKEN "$G" -C ours set-image service-b --env staging --tag 3.0.2 --push \
  --remote "http://alice:$TOKEN@${BASE#http://}/platform.git" >out 2>&1
check "token in the URL works" eq "$(tag_of "$REPOS/platform.git" service-b-staging)" "3.0.2"
check "and is redacted" not_contains "$(cat out)" "$TOKEN"

case_ "HTTPS: the server's certificate is verified"
HTTPS_STATE="$WORK/https-state"
HTTPS_BASE=$(GIT_TEST_HTTP_TLS=1 "$SERVERS/http_git_server.sh" start "$HTTPS_STATE" "$REPOS" alice "$TOKEN")
git -C ours pull -q
git -C ours remote add secure "$HTTPS_BASE/platform.git"
GITOPSGEN_TOKEN=$TOKEN GITOPSGEN_USERNAME=alice refuses "untrusted certificate" "$R" "cannot fetch from $HTTPS_BASE/platform.git" \
  "$G" -C ours set-image service-b --env production --tag 6.0.0 --push --remote secure
# The system CA bundle is parsed only by commands that talk to a remote (ca_bundle.hpp). Under
# ptrace the sanitizer build's LeakSanitizer cannot run: leaks are looked for everywhere else.
no_lsan=(env ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0")
strace -f -e trace=open,openat -o "$WORK/https.trace" "${no_lsan[@]}" GITOPSGEN_TOKEN=$TOKEN GITOPSGEN_USERNAME=alice \
  "$G" -C ours set-image service-b --env production --tag 6.0.0 --push --remote secure >/dev/null 2>&1 || true
check "an HTTPS push reads the system CA bundle" grep -q 'ca-certificates.crt' "$WORK/https.trace"
strace -f -e trace=open,openat -o "$WORK/local.trace" "${no_lsan[@]}" "$G" -C ours status >/dev/null
check "a local command does not" not_contains "$(cat "$WORK/local.trace")" "ca-certificates.crt"
check "and the trace saw its files" contains "$(cat "$WORK/local.trace")" "gitopsgen.yaml"
GIT_SSL_CAINFO="$HTTPS_STATE/ca.crt" GITOPSGEN_TOKEN=$TOKEN GITOPSGEN_USERNAME=alice \
  "$G" -C ours set-image service-b --env production --tag 6.0.0 --push --remote secure -q
check "pushed over HTTPS trusting the CA" eq "$(tag_of "$REPOS/platform.git" service-b-production)" "6.0.0"
"$SERVERS/http_git_server.sh" stop "$HTTPS_STATE"

case_ "SSH: a key file and known_hosts; hashed entries; an unknown or wrong host key is refused"
SSH_URL=$("$SERVERS/ssh_git_server.sh" start "$SSH_STATE")
git -C ours pull -q
git -C ours remote add ssh "$SSH_URL$REPOS/platform.git"
"$G" -C ours set-image service-a --env dev --tag 4.0.0 --push --remote ssh \
  --ssh-key "$SSH_STATE/client_key" --known-hosts "$SSH_STATE/known_hosts" -q
check "pushed over SSH" eq "$(tag_of "$REPOS/platform.git" service-a-dev)" "4.0.0"
GITOPSGEN_SSH_KEY="$SSH_STATE/client_key" GITOPSGEN_KNOWN_HOSTS="$SSH_STATE/known_hosts_hashed" \
  "$G" -C ours set-image service-a --env dev --tag 4.0.1 --push --remote ssh -q
check "hashed known_hosts, settings from the environment" eq "$(tag_of "$REPOS/platform.git" service-a-dev)" "4.0.1"
refuses "wrong host key" "$R" "does not match $SSH_STATE/wrong_known_hosts: refusing to connect" \
  "$G" -C ours set-image service-a --env dev --tag 4.0.2 --push --remote ssh --ssh-key "$SSH_STATE/client_key" --known-hosts "$SSH_STATE/wrong_known_hosts"
: >"$WORK/empty_known_hosts"
refuses "unknown host" "$R" "is not in $WORK/empty_known_hosts: refusing an unknown host" \
  "$G" -C ours set-image service-a --env dev --tag 4.0.2 --push --remote ssh --ssh-key "$SSH_STATE/client_key" --known-hosts "$WORK/empty_known_hosts"
HOME="$WORK/nohome" refuses "no known_hosts at all" "$R" "refusing an unknown host" \
  "$G" -C ours set-image service-a --env dev --tag 4.0.2 --push --remote ssh --ssh-key "$SSH_STATE/client_key"
check "remote unchanged" eq "$(tag_of "$REPOS/platform.git" service-a-dev)" "4.0.1"

case_ "SSH through ssh-agent"
eval "$(ssh-agent -s)" >/dev/null
ssh-add -q "$SSH_STATE/client_key" 2>/dev/null
"$G" -C ours set-image service-a --env dev --tag 4.1.0 --push --remote ssh --known-hosts "$SSH_STATE/known_hosts" -q
check "pushed with the agent's key" eq "$(tag_of "$REPOS/platform.git" service-a-dev)" "4.1.0"
ssh-add -D -q 2>/dev/null
refuses "agent without keys" "$R" "cannot fetch from" \
  "$G" -C ours set-image service-a --env dev --tag 4.2.0 --push --remote ssh --known-hosts "$SSH_STATE/known_hosts"

case_ "a branch holding commits the remote lacks is refused before anything is committed"
git -C ours pull -q
echo "notes" >ours/NOTES.md && git -C ours add NOTES.md && git -C ours commit -qm "local only"
refuses "unpushed commits" "$R" "main has commits that are not on $REPOS/platform.git: push or drop them first" \
  "$G" -C ours set-image service-a --env dev --tag 5.0.0 --push

case_ "a commit whose blobs gitopsgen packed itself is pushed like any other"
git clone -q --bare seed "$REPOS/bulk.git"
git clone -q "$REPOS/bulk.git" bulk
python3 "$SOURCE_DIR/tests/bench/gen.py" services-yaml 100 "$WORK/bulk.yaml"
"$G" -C bulk apply -f "$WORK/bulk.yaml" -q
git -C bulk push -q origin main
python3 "$SOURCE_DIR/tests/bench/gen.py" bump-tags bulk staging
git -C bulk commit -qam "chore(release): new staging tags" && git -C bulk push -q origin main
packs_before=$(find bulk/.git/objects/pack -name "*.pack" | wc -l)
"$G" -C bulk promote --all --from staging --to production --push -q
check "the 100 edited files' blobs went into one new pack" eq "$(find bulk/.git/objects/pack -name "*.pack" | wc -l)" "$((packs_before + 1))"
check "the remote is at our commit" eq "$(git --git-dir="$REPOS/bulk.git" rev-parse main)" "$(git -C bulk rev-parse HEAD)"
check "with every object it needs" git --git-dir="$REPOS/bulk.git" fsck --strict --no-dangling
check "the same bytes" eq "$(git --git-dir="$REPOS/bulk.git" show main:charts/vsf-miniapp/ci/svc-0011-production.yaml)" "$(cat bulk/charts/vsf-miniapp/ci/svc-0011-production.yaml)"
check "production has staging's tag" eq "$(tag_of "$REPOS/bulk.git" svc-0011-production)" "$(tag_of "$REPOS/bulk.git" svc-0011-staging)"

finish
