#!/usr/bin/env bash
# Lints the store bundles changed since a base revision, for CI.
#
#   ci/preflight-changed.sh BASE [STORES_DIR] [SARIF_FILE]
#
# Prints GitHub annotations for the findings, writes a SARIF log for code
# scanning, and exits as preflight does: 0 clean, 1 findings, 2 could not run.
# PREFLIGHT names the binary (default: preflight on PATH).
set -euo pipefail
base=${1:?usage: ci/preflight-changed.sh BASE [STORES_DIR] [SARIF_FILE]}
stores=${2:-stores}
sarif=${3:-preflight.sarif}
preflight=${PREFLIGHT:-preflight}

# Changed files that still exist (a deleted file has nothing to lint).
mapfile -t files < <(git diff --name-only --diff-filter=d "$base"...HEAD -- "$stores")
if [ ${#files[@]} -eq 0 ]; then
  echo "preflight: no store bundle changed under $stores"
  exit 0
fi

# SARIF for code scanning first (never fails the step), then the gate.
"$preflight" check "${files[@]}" --format sarif --output "$sarif" --exit-zero
"$preflight" check "${files[@]}" --format github
