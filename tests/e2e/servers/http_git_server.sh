#!/usr/bin/env bash
# A real smart-HTTP git server for the end-to-end tests: lighttpd on 127.0.0.1 at a free port,
# running `git http-backend` as CGI for the bare repositories under REPOS_DIR, every request
# (fetch and push) behind HTTP basic auth USER:TOKEN.
#
#   http_git_server.sh start STATE_DIR REPOS_DIR USER TOKEN   prints http://127.0.0.1:PORT/git
#   http_git_server.sh stop STATE_DIR
#
# With GIT_TEST_HTTP_TLS=1 it serves HTTPS instead (prints https://…) with a certificate for
# 127.0.0.1 signed by a fresh CA whose certificate is STATE_DIR/ca.crt (needs lighttpd-mod-openssl).
#
# Repositories are at BASE/NAME.git for REPOS_DIR/NAME.git. lighttpd and the CGI run as the
# calling user (root in CI: no server.username is set, so lighttpd does not drop privileges), so
# the repositories need no chown. Needs the Debian packages lighttpd and git.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/server_common.sh"
LIGHTTPD=${LIGHTTPD:-/usr/sbin/lighttpd}
BACKEND=$(git --exec-path)/git-http-backend

die() { echo "http_git_server.sh: $*" >&2; exit 1; }


# The server answers when an unauthenticated request gets its 401 (over TLS: trusting CA_FILE).
answers() {
  "$PY" - "$1" "${2:-}" <<'EOF'
import ssl, sys, urllib.request, urllib.error
context = ssl.create_default_context(cafile=sys.argv[2]) if sys.argv[2] else None
try:
    urllib.request.urlopen(sys.argv[1] + "/probe.git/info/refs?service=git-upload-pack", timeout=2,
                           context=context)
except urllib.error.HTTPError as e:
    sys.exit(0 if e.code == 401 else 1)
except Exception:
    sys.exit(1)
sys.exit(1)
EOF
}



# lighttpd config strings: escape backslashes and double quotes.
q() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

start() {
  [ $# -eq 4 ] || die "usage: start STATE_DIR REPOS_DIR USER TOKEN"
  local state=$1 repos=$2 user=$3 token=$4
  [ -x "$LIGHTTPD" ] || die "lighttpd not installed (Debian package lighttpd)"
  [ -x "$BACKEND" ] || die "git-http-backend not found at $BACKEND"
  case "$user$token" in *:*|*$'\n'*) die "USER and TOKEN must not contain ':' or newlines" ;; esac
  mkdir -p "$state" "$repos"
  state=$(cd "$state" && pwd) repos=$(cd "$repos" && pwd)
  if [ -f "$state/watchdog.pid" ]; then
    alive "$(cat "$state/watchdog.pid")" "$state/lighttpd.conf" && die "already running in $state"
  fi
  mkdir -p "$state/docroot"
  # mod_authn_file's plain backend: one "user:password" line.
  (umask 077; printf '%s:%s\n' "$user" "$token" >"$state/users")

  local port pid base scheme=http tls_conf="" ca=""
  if [ "${GIT_TEST_HTTP_TLS:-0}" = 1 ]; then
    # A CA and a server certificate for 127.0.0.1, both fresh for this server.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -subj "/CN=gitopsgen e2e CA" -keyout "$state/ca.key" -out "$state/ca.crt" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
      -keyout "$state/server.key" -out "$state/server.csr" 2>/dev/null
    # mbedTLS 2.28 (libgit2's TLS in Debian 12) matches DNS names only, so 127.0.0.1 is one too.
    printf 'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$state/server.ext"
    openssl x509 -req -in "$state/server.csr" -CA "$state/ca.crt" -CAkey "$state/ca.key" -CAcreateserial \
      -days 2 -extfile "$state/server.ext" -out "$state/server.crt" 2>/dev/null
    cat "$state/server.crt" "$state/server.key" >"$state/server.pem"
    chmod 600 "$state/server.pem" "$state/server.key" "$state/ca.key"
    scheme=https ca="$state/ca.crt"
    tls_conf="server.modules += ( \"mod_openssl\" )
ssl.engine = \"enable\"
ssl.pemfile = $(q "$state/server.pem")"
  fi
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    base="$scheme://127.0.0.1:$port/git"
    cat >"$state/lighttpd.conf" <<EOF
server.modules = ( "mod_access", "mod_accesslog", "mod_alias", "mod_auth", "mod_authn_file", "mod_setenv", "mod_cgi" )
server.document-root = $(q "$state/docroot")
server.bind = "127.0.0.1"
server.port = $port
server.pid-file = $(q "$state/lighttpd.pid")
server.errorlog = $(q "$state/error.log")
accesslog.filename = $(q "$state/access.log")
server.max-request-size = 0
server.stream-request-body = 0
server.stream-response-body = 2
$tls_conf

auth.backend = "plain"
auth.backend.plain.userfile = $(q "$state/users")
auth.require = ( "/" => ( "method" => "basic", "realm" => "gitopsgen-e2e", "require" => "valid-user" ) )

# Everything under /git goes to git http-backend; lighttpd sets PATH_INFO to the rest of the
# path and REMOTE_USER to the authenticated user (which alone enables receive-pack; the
# GIT_CONFIG_* pair below enables it explicitly as well).
alias.url = ( "/git" => $(q "$BACKEND") )
\$HTTP["url"] =~ "^/git" {
  cgi.assign = ( "" => "" )
  setenv.set-environment = (
    "GIT_PROJECT_ROOT" => $(q "$repos"),
    "GIT_HTTP_EXPORT_ALL" => "1",
    "GIT_CONFIG_NOSYSTEM" => "1",
    "GIT_CONFIG_COUNT" => "2",
    "GIT_CONFIG_KEY_0" => "http.receivepack",
    "GIT_CONFIG_VALUE_0" => "true",
    "GIT_CONFIG_KEY_1" => "safe.directory",
    "GIT_CONFIG_VALUE_1" => "*",
    "PATH" => "/usr/local/bin:/usr/bin:/bin"
  )
}
EOF
    "$LIGHTTPD" -tt -f "$state/lighttpd.conf" >"$state/configtest.log" 2>&1 ||
      die "bad config: $(cat "$state/configtest.log")"
    rm -f "$state/lighttpd.pid" "$state/watchdog.pid"
    : >"$state/error.log"
    # In our background, in its own session (so its process group is the watchdog's pid), with
    # no inherited stdio so that `url=$(… start …)` returns at once; -D: no daemon.
    setsid timeout -k 5 "$LIFETIME" "$LIGHTTPD" -D -f "$state/lighttpd.conf" \
      </dev/null >>"$state/lighttpd.out" 2>&1 &
    pid=$!
    echo "$pid" >"$state/watchdog.pid"
    for _ in $(seq 1 100); do # up to 10 s
      if [ -s "$state/lighttpd.pid" ] && answers "$base" "$ca"; then
        echo "$base" >"$state/url"
        echo "$base"
        return 0
      fi
      alive "$pid" "$state/lighttpd.conf" || break # exited: the port was taken meanwhile, or worse
      sleep 0.1
    done
    stop "$state"
    grep -q "Address already in use" "$state/error.log" "$state/lighttpd.out" 2>/dev/null || break
  done
  die "lighttpd did not come up (state $state): $(tail -5 "$state/error.log" "$state/lighttpd.out" 2>/dev/null)"
}

# Ends the watchdog's whole process group (the watchdog and lighttpd with its CGIs), SIGKILL
# after 5 s.
stop() {
  [ $# -eq 1 ] || die "usage: stop STATE_DIR"
  local state=$1 conf=$1/lighttpd.conf group="" server=""
  [ -f "$state/watchdog.pid" ] && group=$(cat "$state/watchdog.pid")
  [ -f "$state/lighttpd.pid" ] && server=$(cat "$state/lighttpd.pid")
  if alive "$group" "$conf"; then kill -TERM -- "-$group" 2>/dev/null || true; fi
  if alive "$server" "$conf"; then kill -TERM "$server" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do
    alive "$group" "$conf" || alive "$server" "$conf" || break
    sleep 0.1
  done
  if alive "$group" "$conf"; then kill -KILL -- "-$group" 2>/dev/null || true; fi
  if alive "$server" "$conf"; then kill -KILL "$server" 2>/dev/null || true; fi
  rm -f "$state/watchdog.pid" "$state/lighttpd.pid"
}

cmd=${1:-}
shift || true
case "$cmd" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) die "usage: $0 start STATE_DIR REPOS_DIR USER TOKEN | stop STATE_DIR" ;;
esac
