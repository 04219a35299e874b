#!/usr/bin/env bash
# install.sh DEST_DIR
#
# Installs the schema validator into DEST_DIR: copies package.json,
# package-lock.json and validate.mjs there and runs `npm ci` (exact versions
# and integrity hashes from the lock file; the only network access is the npm
# registry through the ordinary npm client). Run it as:
#   node DEST_DIR/validate.mjs [--allow-kinds K1,K2] FILE...
#
# Idempotent: npm ci is skipped when DEST_DIR/node_modules was installed from
# the same package.json + package-lock.json (sha256 stamp). validate.mjs is
# refreshed on every call (cheap). Concurrent calls are serialised with flock
# when available.
#
# Note: the kubernetes-models packages declare engines.node >=22; they are
# plain ES modules and work on Node.js 20 (verified by test/run.sh), so the
# EBADENGINE warning is expected and harmless on Node 20.
set -euo pipefail

die() { echo "install.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: install.sh DEST_DIR"
SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST_DIR=$1

command -v node >/dev/null 2>&1 || die "'node' not found: install Node.js >= 20 (e.g. apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "'npm' not found: install npm (e.g. apt-get install npm)"
command -v sha256sum >/dev/null 2>&1 || die "'sha256sum' not found (coreutils)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || die "Node.js >= 20 required, found $(node --version)"

mkdir -p "$DEST_DIR"
DEST_DIR=$(cd "$DEST_DIR" && pwd)

if command -v flock >/dev/null 2>&1; then
  exec 9>"$DEST_DIR/.install.lock"
  flock 9
fi

# Always refresh the script and manifests (so edits to validate.mjs take effect).
for f in package.json package-lock.json validate.mjs; do
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
( cd "$DEST_DIR" && npm ci --no-audit --no-fund --silent ) ||
  die "npm ci failed in $DEST_DIR"
# Smoke test: the installed modules load on this Node.js.
( cd "$DEST_DIR" && node --input-type=module -e '
  await import("yaml");
  await import("kubernetes-models/apps/v1/Deployment");
  await import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application");
  await import("@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute");
  await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor");
  await import("@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate");
' ) || die "installed modules fail to load with node $(node --version)"
echo "$WANT" > "$STAMP"
echo "install.sh: schema validator installed in $DEST_DIR ($(node --version))"
