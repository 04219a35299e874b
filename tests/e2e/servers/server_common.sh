# Shared by http_git_server.sh and ssh_git_server.sh (sourced, not run): a free loopback port, a
# check that a pid is still our server, and the watchdog lifetime.
PY=/usr/bin/python3

# A TCP port on 127.0.0.1 that is free right now.
free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A pid that is still ours: running (not a zombie) with our config on its command line.
alive() {
  local pid=$1 conf=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  case "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)" in Z | X | "") return 1 ;; esac
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$conf"
}

# A watchdog ends a server that nobody stopped (a test killed by a time-out skips its EXIT trap).
LIFETIME=${GIT_TEST_SERVER_LIFETIME:-1800}
