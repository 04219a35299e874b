#!/usr/bin/env bash
# Puts the real Helm binary and the schema validator into TOOLS_DIR (idempotent).
set -euo pipefail
: "${SOURCE_DIR:?}" "${TOOLS_DIR:?}"
mkdir -p "$TOOLS_DIR"
bash "$SOURCE_DIR/third_party/helm/fetch-helm.sh" "$TOOLS_DIR"
bash "$SOURCE_DIR/third_party/schema-validator/install.sh" "$TOOLS_DIR/schema-validator"
bash "$SOURCE_DIR/third_party/mermaid-parser/install.sh" "$TOOLS_DIR/mermaid-parser"
"$TOOLS_DIR/helm" version --short
echo "tools ready in $TOOLS_DIR"
