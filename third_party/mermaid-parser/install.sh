#!/usr/bin/env bash
# install.sh DEST_DIR
#
# Installs Mermaid's parser into DEST_DIR: copies package.json, package-lock.json and parse.mjs
# there and runs `npm ci` (exact versions and integrity hashes from the lock file; the only
# network access is the npm registry through the ordinary npm client). Run it as:
#   node DEST_DIR/parse.mjs FILE...
# Idempotent: npm ci is skipped when DEST_DIR/node_modules was installed from the same
# package.json + package-lock.json (sha256 stamp); parse.mjs is refreshed on every call.
set -euo pipefail

die() { echo "install.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: install.sh DEST_DIR"
SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST_DIR=$1
command -v node >/dev/null 2>&1 || die "'node' not found: install Node.js >= 20 (e.g. apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "'npm' not found: install npm (e.g. apt-get install npm)"
mkdir -p "$DEST_DIR"
DEST_DIR=$(cd "$DEST_DIR" && pwd)
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DEST_DIR/.install.lock"
  flock 9
fi
for f in package.json package-lock.json parse.mjs; do
  if ! cmp -s "$SRC_DIR/$f" "$DEST_DIR/$f"; then
    cp "$SRC_DIR/$f" "$DEST_DIR/$f.tmp.$$"
    mv -f "$DEST_DIR/$f.tmp.$$" "$DEST_DIR/$f"
  fi
done
WANT=$(cat "$SRC_DIR/package.json" "$SRC_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)
STAMP="$DEST_DIR/node_modules/.gitopsgen-install-stamp"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  exit 0
fi
rm -f "$STAMP"
( cd "$DEST_DIR" && npm ci --no-audit --no-fund --silent ) || die "npm ci failed in $DEST_DIR"
# Smoke test: a flowchart parses and a broken one does not.
printf 'flowchart LR\n  a["x"] --> b["y"]\n' >"$DEST_DIR/.smoke-good.mmd"
printf 'flowchart LR\n  a["x"] -->> b[\n' >"$DEST_DIR/.smoke-bad.mmd"
node "$DEST_DIR/parse.mjs" "$DEST_DIR/.smoke-good.mmd" >/dev/null || die "Mermaid fails to parse a flowchart"
if node "$DEST_DIR/parse.mjs" "$DEST_DIR/.smoke-bad.mmd" >/dev/null 2>&1; then
  die "Mermaid accepts a broken flowchart"
fi
echo "$WANT" >"$STAMP"
echo "install.sh: Mermaid's parser installed in $DEST_DIR ($(node --version))"
