#!/usr/bin/env bash
# Runs every Go fuzz target of the module briefly (FUZZTIME, default 10s each).
# Targets are discovered per package with `go test -list 'Fuzz.*'`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TAGS=${TAGS:-ci,migrated_fynedo}
FUZZTIME=${FUZZTIME:-10s}

ran=0
for pkg in $(go list -tags "$TAGS" ./...); do
  targets=$(go test -tags "$TAGS" -list '^Fuzz' "$pkg" | grep -E '^Fuzz[A-Za-z0-9_]*$' || true)
  for t in $targets; do
    echo "fuzz: $pkg $t ($FUZZTIME)"
    go test -tags "$TAGS" -run '^$' -fuzz "^${t}\$" -fuzztime "$FUZZTIME" "$pkg"
    ran=$((ran + 1))
  done
done
echo "fuzz: $ran target(s) fuzzed for $FUZZTIME each"
