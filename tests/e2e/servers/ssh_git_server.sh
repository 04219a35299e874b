#!/usr/bin/env bash
# A real SSH git server for the end-to-end tests: OpenSSH's sshd on 127.0.0.1 at a free port,
# with its own config, its own fresh ed25519 host key, public-key authentication only, for the
# calling user (root in CI) with a fresh ed25519 client key. The system's sshd, its config and
# its keys are not touched.
#
#   ssh_git_server.sh start STATE_DIR   prints ssh://USER@127.0.0.1:PORT
#   ssh_git_server.sh stop STATE_DIR
#
# Repositories are addressed by absolute path: ssh://root@127.0.0.1:PORT/abs/path/repo.git.
# Files written in STATE_DIR:
#   client_key, client_key.pub   the client key pair (no passphrase), the only authorized key
#   known_hosts                  [127.0.0.1]:PORT ssh-ed25519 AAAA… (the server's host key)
#   known_hosts_hashed           the same entry hashed (ssh-keygen -H)
#   wrong_known_hosts            the same host with a DIFFERENT ed25519 key
#   host_ed25519_key(.pub), wrong_host_key(.pub), authorized_keys, sshd_config, sshd.log,
#   sshd.pid (sshd's own), watchdog.pid (its process group), port, url
# Needs the Debian packages openssh-server and openssh-client (and git for the remote side).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/server_common.sh"
SSHD=${SSHD:-/usr/sbin/sshd} # an absolute path: sshd re-executes itself

die() { echo "ssh_git_server.sh: $*" >&2; exit 1; }


# The server answers when it sends its SSH identification string.
answers() {
  "$PY" - "$1" <<'EOF'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
        sys.exit(0 if s.recv(64).startswith(b"SSH-2.0-") else 1)
except Exception:
    sys.exit(1)
EOF
}



start() {
  [ $# -eq 1 ] || die "usage: start STATE_DIR"
  local state=$1
  [ -x "$SSHD" ] || die "sshd not installed (Debian package openssh-server)"
  command -v ssh-keygen >/dev/null || die "ssh-keygen not installed (Debian package openssh-client)"
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  case "$state" in *[[:space:]]*) die "STATE_DIR must not contain white space: $state" ;; esac
  if [ -f "$state/watchdog.pid" ]; then
    alive "$(cat "$state/watchdog.pid")" "$state/sshd_config" && die "already running in $state"
  fi
  local user
  user=$(id -un)
  # The privilege separation directory: sshd refuses to start as root without it.
  if [ "$(id -u)" -eq 0 ]; then mkdir -p /run/sshd && chmod 755 /run/sshd; fi

  rm -f "$state"/host_ed25519_key* "$state"/client_key* "$state"/wrong_host_key*
  ssh-keygen -q -t ed25519 -N '' -C "gitopsgen-e2e-host" -f "$state/host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C "gitopsgen-e2e-wrong-host" -f "$state/wrong_host_key"
  ssh-keygen -q -t ed25519 -N '' -C "gitopsgen-e2e-client" -f "$state/client_key"
  cp "$state/client_key.pub" "$state/authorized_keys"
  chmod 600 "$state/authorized_keys"

  local port pid
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$state/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $state/host_ed25519_key
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
AuthorizedPrincipalsFile none
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
PermitEmptyPasswords no
PermitRootLogin prohibit-password
AllowUsers $user
UsePAM no
# The state directory sits under /tmp (world-writable): sshd's ownership checks would refuse it.
StrictModes no
PrintMotd no
PrintLastLog no
UseDNS no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
LogLevel VERBOSE
MaxStartups 100
LoginGraceTime 30
EOF
    "$SSHD" -t -f "$state/sshd_config" >"$state/configtest.log" 2>&1 ||
      die "bad config: $(cat "$state/configtest.log")"
    rm -f "$state/sshd.pid" "$state/watchdog.pid"
    : >"$state/sshd.log"
    # In our background, in its own session (so its process group is the watchdog's pid), with
    # no inherited stdio so that `url=$(… start …)` returns at once; -D: no daemon; -E: log file.
    setsid timeout -k 5 "$LIFETIME" "$SSHD" -D -f "$state/sshd_config" -E "$state/sshd.log" \
      </dev/null >/dev/null 2>&1 &
    pid=$!
    echo "$pid" >"$state/watchdog.pid"
    for _ in $(seq 1 100); do # up to 10 s
      if [ -s "$state/sshd.pid" ] && answers "$port"; then
        echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$state/host_ed25519_key.pub")" >"$state/known_hosts"
        echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$state/wrong_host_key.pub")" >"$state/wrong_known_hosts"
        cp "$state/known_hosts" "$state/known_hosts_hashed"
        ssh-keygen -q -H -f "$state/known_hosts_hashed" >/dev/null 2>&1
        rm -f "$state/known_hosts_hashed.old"
        echo "$port" >"$state/port"
        echo "ssh://$user@127.0.0.1:$port" >"$state/url"
        cat "$state/url"
        return 0
      fi
      alive "$pid" "$state/sshd_config" || break # exited: the port was taken meanwhile, or worse
      sleep 0.1
    done
    stop "$state"
    grep -q "Address already in use" "$state/sshd.log" 2>/dev/null || break
  done
  die "sshd did not come up (state $state): $(tail -5 "$state/sshd.log" 2>/dev/null)"
}

# Ends the connections still open (each sshd child runs in a session of its own), then the
# watchdog's whole process group (the watchdog and the listener), SIGKILL after 5 s.
stop() {
  [ $# -eq 1 ] || die "usage: stop STATE_DIR"
  local state=$1 conf=$1/sshd_config group="" server="" children=""
  [ -f "$state/watchdog.pid" ] && group=$(cat "$state/watchdog.pid")
  [ -f "$state/sshd.pid" ] && server=$(cat "$state/sshd.pid")
  if alive "$server" "$conf"; then
    children=$(pgrep -P "$server" 2>/dev/null | tr '\n' ' ' || true)
    # shellcheck disable=SC2086 # a list of pids
    kill -TERM "$server" $children 2>/dev/null || true
  fi
  if alive "$group" "$conf"; then kill -TERM -- "-$group" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do
    alive "$group" "$conf" || alive "$server" "$conf" || break
    sleep 0.1
  done
  if alive "$group" "$conf"; then kill -KILL -- "-$group" 2>/dev/null || true; fi
  if alive "$server" "$conf"; then kill -KILL "$server" 2>/dev/null || true; fi
  # shellcheck disable=SC2086 # a list of pids
  [ -z "$children" ] || kill -KILL $children 2>/dev/null || true
  rm -f "$state/watchdog.pid" "$state/sshd.pid"
}

cmd=${1:-}
shift || true
case "$cmd" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) die "usage: $0 start STATE_DIR | stop STATE_DIR" ;;
esac
