#!/usr/bin/env bash
# The test git servers (tests/e2e/servers/) proved with the git CLI: smart HTTP behind basic auth
# (lighttpd + git http-backend) and SSH with key authentication and host-key checking (OpenSSH's
# sshd), both on 127.0.0.1. Clone, commit, push and fetch back must work with the right
# credentials and fail without them, with a wrong token, a wrong key or a wrong host key.
. "$(dirname "$0")/lib.sh"
SERVERS="$SOURCE_DIR/tests/e2e/servers"
HTTP_STATE="$WORK/http-state"
SSH_STATE="$WORK/ssh-state"
REPOS="$WORK/repos"
SSH_AGENT_PID=""
# Servers end by themselves after this long even if the EXIT trap never runs (CTest's time-out
# kills with SIGKILL); CTest gives each e2e test 600 s.
export GIT_TEST_SERVER_LIFETIME=${GIT_TEST_SERVER_LIFETIME:-660}
cleanup() {
  "$SERVERS/http_git_server.sh" stop "$HTTP_STATE" || true
  "$SERVERS/ssh_git_server.sh" stop "$SSH_STATE" || true
  [ -z "$SSH_AGENT_PID" ] || kill "$SSH_AGENT_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Never prompt for a user name, a password or a passphrase: fail instead.
export GIT_TERMINAL_PROMPT=0 GIT_ASKPASS=/bin/false SSH_ASKPASS=/bin/false
unset SSH_AUTH_SOCK
export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=init.defaultBranch GIT_CONFIG_VALUE_0=main \
  GIT_CONFIG_KEY_1=advice.detachedHead GIT_CONFIG_VALUE_1=false
tmo() { timeout 60 "$@"; } # bounds every network operation

# fails DESCRIPTION EXPECTED_STDERR_TEXT COMMAND...: the command must exit non-zero and say so.
fails() {
  local what=$1 expected=$2 rc=0; shift 2
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  if [ "$rc" -eq 0 ]; then fail "$what: exited 0"; return; fi
  if [ "$rc" -eq 124 ]; then fail "$what: timed out"; return; fi
  if ! grep -qF -- "$expected" "$WORK/err"; then fail "$what: stderr '$(tail -3 "$WORK/err")' lacks '$expected'"; return; fi
  ok
}
gone() { ! tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -q "$2"; } # PID NAME
none_left() { ! pgrep -f -- "$1" >/dev/null; } # no process with PATTERN on its command line
bare_head() { git --git-dir="$1" rev-parse -q --verify refs/heads/main || echo "none"; }
commit_file() { # DIR FILE TEXT: one commit adding FILE
  echo "$3" >"$1/$2" && git -C "$1" add "$2" && git -C "$1" commit -q -m "add $2"
}

# ---------------------------------------------------------------------------------------------
case_ "http: the server starts on 127.0.0.1 at a free port and prints its base URL"
git init -q --bare "$REPOS/platform.git"
git init -q --bare "$REPOS/other.git"
TOKEN="tok-$RANDOM$RANDOM"
t0=$(date +%s%N)
URL=$(tmo "$SERVERS/http_git_server.sh" start "$HTTP_STATE" "$REPOS" alice "$TOKEN")
echo "  started in $((($(date +%s%N) - t0) / 1000000)) ms: $URL"
check "one URL line" eval '[[ "$URL" =~ ^http://127\.0\.0\.1:[0-9]+/git$ ]]'
HOSTPORT=${URL#http://}
HOSTPORT=${HOSTPORT%/git}
GOOD="http://alice:$TOKEN@$HOSTPORT/git"
check "pid file" test -s "$HTTP_STATE/lighttpd.pid"
check "pid is running" kill -0 "$(cat "$HTTP_STATE/lighttpd.pid")"

case_ "http: nothing without the right credentials"
fails "ls-remote without credentials" "could not read Username" tmo git ls-remote "$URL/platform.git"
fails "clone with a wrong token" "Authentication failed" tmo git clone -q "http://alice:wrong@$HOSTPORT/git/platform.git" "$WORK/h-bad"
fails "clone with a wrong user" "Authentication failed" tmo git clone -q "http://mallory:$TOKEN@$HOSTPORT/git/platform.git" "$WORK/h-bad"
check "no clone left" test ! -e "$WORK/h-bad"

case_ "http: clone, commit, push and fetch back with the token in the URL"
check "clone" tmo git clone -q "$GOOD/platform.git" "$WORK/h1"
commit_file "$WORK/h1" a.txt "one"
check "push" tmo git -C "$WORK/h1" push -q origin HEAD:main
check "bare repo holds the commit" eq "$(bare_head "$REPOS/platform.git")" "$(git -C "$WORK/h1" rev-parse HEAD)"
check "ls-remote" eq "$(tmo git ls-remote "$GOOD/platform.git" refs/heads/main | cut -f1)" "$(git -C "$WORK/h1" rev-parse HEAD)"

case_ "http: a credential helper instead of the URL"
printf 'http://alice:%s@%s\n' "$TOKEN" "$HOSTPORT" >"$WORK/creds"
chmod 600 "$WORK/creds"
check "clone" tmo git -c credential.helper="store --file=$WORK/creds" clone -q "$URL/platform.git" "$WORK/h2"
check "same commit" eq "$(git -C "$WORK/h2" rev-parse HEAD)" "$(git -C "$WORK/h1" rev-parse HEAD)"
check "file content" eq "$(cat "$WORK/h2/a.txt")" "one"
commit_file "$WORK/h2" b.txt "two"
check "push" tmo git -C "$WORK/h2" -c credential.helper="store --file=$WORK/creds" push -q origin main
check "first clone fetches it back" tmo git -C "$WORK/h1" pull -q --ff-only origin main
check "both clones equal" eq "$(git -C "$WORK/h1" rev-parse HEAD)" "$(git -C "$WORK/h2" rev-parse HEAD)"
check "bare repo equal" eq "$(bare_head "$REPOS/platform.git")" "$(git -C "$WORK/h2" rev-parse HEAD)"

case_ "http: push without credentials or with a wrong token changes nothing"
before=$(bare_head "$REPOS/platform.git")
commit_file "$WORK/h1" c.txt "three"
fails "push with a wrong token" "Authentication failed" \
  tmo git -C "$WORK/h1" push -q "http://alice:wrong@$HOSTPORT/git/platform.git" HEAD:main
fails "push without credentials" "could not read Username" tmo git -C "$WORK/h1" push -q "$URL/platform.git" HEAD:main
fails "push to a repository that does not exist" "not found" \
  tmo git -C "$WORK/h1" push -q "$GOOD/nope.git" HEAD:main
check "remote unchanged" eq "$(bare_head "$REPOS/platform.git")" "$before"
check "other repository untouched" eq "$(bare_head "$REPOS/other.git")" "none"
check "a second repository is served too" tmo git -C "$WORK/h1" push -q "$GOOD/other.git" HEAD:main
check "second repository holds it" eq "$(bare_head "$REPOS/other.git")" "$(git -C "$WORK/h1" rev-parse HEAD)"

case_ "http: stop ends the server"
hpid=$(cat "$HTTP_STATE/lighttpd.pid")
check "stop" "$SERVERS/http_git_server.sh" stop "$HTTP_STATE"
check "process gone" gone "$hpid" lighttpd
check "nothing of it left (watchdog, CGIs)" none_left "$HTTP_STATE/lighttpd.conf"
fails "no longer answers" "unable to access" tmo git ls-remote "$GOOD/platform.git"
check "stop twice is harmless" "$SERVERS/http_git_server.sh" stop "$HTTP_STATE"

# ---------------------------------------------------------------------------------------------
case_ "ssh: the server starts on 127.0.0.1 at a free port and prints its URL"
git init -q --bare "$REPOS/ssh.git"
t0=$(date +%s%N)
SURL=$(tmo "$SERVERS/ssh_git_server.sh" start "$SSH_STATE")
echo "  started in $((($(date +%s%N) - t0) / 1000000)) ms: $SURL"
check "one URL line" eval '[[ "$SURL" =~ ^ssh://$(id -un)@127\.0\.0\.1:[0-9]+$ ]]'
SPORT=${SURL##*:}
for f in client_key client_key.pub known_hosts known_hosts_hashed wrong_known_hosts sshd.pid; do
  check "$f written" test -s "$SSH_STATE/$f"
done
check "client key is private" eq "$(stat -c %a "$SSH_STATE/client_key")" "600"
check "known_hosts entry" grep -qE "^\[127\.0\.0\.1\]:$SPORT ssh-ed25519 AAAA[A-Za-z0-9+/=]+$" "$SSH_STATE/known_hosts"
check "hashed entry" grep -qE '^\|1\|[^ ]+ ssh-ed25519 AAAA' "$SSH_STATE/known_hosts_hashed"
check "wrong entry: same host, other key" eq "$(cut -d' ' -f1,2 "$SSH_STATE/wrong_known_hosts")" "[127.0.0.1]:$SPORT ssh-ed25519"
check "wrong entry differs" eval '[ "$(cut -d" " -f3 "$SSH_STATE/wrong_known_hosts")" != "$(cut -d" " -f3 "$SSH_STATE/known_hosts")" ]'
check "hashed entry matches the host" eval 'ssh-keygen -F "[127.0.0.1]:$SPORT" -f "$SSH_STATE/known_hosts_hashed" | grep -q ssh-ed25519'

# -F /dev/null: no user or system ssh config; GlobalKnownHostsFile none: only the file given.
SSH_BASE="ssh -F /dev/null -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=10"
with_key() { echo "$SSH_BASE -i $SSH_STATE/client_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$1"; }
SREPO="$SURL$REPOS/ssh.git"

case_ "ssh: clone, commit, push and fetch back with the client key"
export GIT_SSH_COMMAND
GIT_SSH_COMMAND=$(with_key "$SSH_STATE/known_hosts")
check "clone" tmo git clone -q "$SREPO" "$WORK/s1"
commit_file "$WORK/s1" a.txt "one"
check "push" tmo git -C "$WORK/s1" push -q origin HEAD:main
check "bare repo holds the commit" eq "$(bare_head "$REPOS/ssh.git")" "$(git -C "$WORK/s1" rev-parse HEAD)"
GIT_SSH_COMMAND=$(with_key "$SSH_STATE/known_hosts_hashed")
check "clone with the hashed known_hosts" tmo git clone -q "$SREPO" "$WORK/s2"
check "same commit" eq "$(git -C "$WORK/s2" rev-parse HEAD)" "$(git -C "$WORK/s1" rev-parse HEAD)"
commit_file "$WORK/s2" b.txt "two"
check "push from the second clone" tmo git -C "$WORK/s2" push -q origin main
check "first clone fetches it back" tmo git -C "$WORK/s1" pull -q --ff-only origin main
check "both clones equal" eq "$(git -C "$WORK/s1" rev-parse HEAD)" "$(git -C "$WORK/s2" rev-parse HEAD)"

case_ "ssh: a wrong or unknown host key, a wrong key or no key is refused"
before=$(bare_head "$REPOS/ssh.git")
commit_file "$WORK/s1" c.txt "three"
GIT_SSH_COMMAND=$(with_key "$SSH_STATE/wrong_known_hosts")
fails "wrong host key: clone" "Host key verification failed" tmo git clone -q "$SREPO" "$WORK/s-bad"
fails "wrong host key: push" "REMOTE HOST IDENTIFICATION HAS CHANGED" tmo git -C "$WORK/s1" push -q origin HEAD:main
GIT_SSH_COMMAND=$(with_key /dev/null)
fails "unknown host key" "Host key verification failed" tmo git -C "$WORK/s1" push -q origin HEAD:main
ssh-keygen -q -t ed25519 -N '' -f "$WORK/stranger_key"
GIT_SSH_COMMAND="$SSH_BASE -i $WORK/stranger_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$SSH_STATE/known_hosts"
fails "a key that is not authorized" "Permission denied (publickey)" tmo git -C "$WORK/s1" push -q origin HEAD:main
GIT_SSH_COMMAND="$SSH_BASE -o IdentityFile=none -o UserKnownHostsFile=$SSH_STATE/known_hosts"
fails "no key at all" "Permission denied (publickey)" tmo git -C "$WORK/s1" push -q origin HEAD:main
GIT_SSH_COMMAND="$SSH_BASE -o IdentityFile=none -o PubkeyAuthentication=no -o UserKnownHostsFile=$SSH_STATE/known_hosts"
fails "only publickey is offered (no password)" "Permission denied (publickey)" tmo git -C "$WORK/s1" ls-remote origin
check "nothing pushed" eq "$(bare_head "$REPOS/ssh.git")" "$before"
check "no clone left" test ! -e "$WORK/s-bad"

case_ "ssh: the key from ssh-agent, no -i"
eval "$(ssh-agent -s)" >/dev/null
check "agent running" kill -0 "$SSH_AGENT_PID"
check "ssh-add" ssh-add -q "$SSH_STATE/client_key"
GIT_SSH_COMMAND="$SSH_BASE -o IdentityFile=none -o UserKnownHostsFile=$SSH_STATE/known_hosts"
check "push via the agent" tmo git -C "$WORK/s1" push -q origin HEAD:main
check "bare repo holds it" eq "$(bare_head "$REPOS/ssh.git")" "$(git -C "$WORK/s1" rev-parse HEAD)"
check "fetch via the agent" tmo git -C "$WORK/s2" pull -q --ff-only origin main
check "clones equal" eq "$(git -C "$WORK/s2" rev-parse HEAD)" "$(git -C "$WORK/s1" rev-parse HEAD)"
check "agent emptied" ssh-add -q -D
fails "the emptied agent no longer works" "Permission denied (publickey)" tmo git -C "$WORK/s2" ls-remote origin
kill "$SSH_AGENT_PID"
SSH_AGENT_PID=""
unset SSH_AUTH_SOCK

case_ "ssh: stop ends the server"
spid=$(cat "$SSH_STATE/sshd.pid")
check "stop" "$SERVERS/ssh_git_server.sh" stop "$SSH_STATE"
check "process gone" gone "$spid" sshd
check "nothing of it left (watchdog, sessions)" none_left "$SSH_STATE/sshd_config"
GIT_SSH_COMMAND=$(with_key "$SSH_STATE/known_hosts")
fails "no longer answers" "Connection refused" tmo git ls-remote "$SREPO"
check "stop twice is harmless" "$SERVERS/ssh_git_server.sh" stop "$SSH_STATE"

finish
