#!/usr/bin/env bash
# Runs every Go fuzz target of the module briefly (FUZZTIME, default 10s each).
# Targets are discovered per package with `go test -list 'Fuzz.*'`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TAGS=${TAGS:-ci,migrated_fynedo}
FUZZTIME=${FUZZTIME:-10s}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
ran=0
for pkg in $(go list -tags "$TAGS" ./...); do
  targets=$(go test -tags "$TAGS" -list '^Fuzz' "$pkg" | grep -E '^Fuzz[A-Za-z0-9_]*$' || true)
  for t in $targets; do
    echo "fuzz: $pkg $t ($FUZZTIME)"
    # A run can end in "context deadline exceeded" when a worker is slow to
    # stop on a loaded machine (the Go fuzzer's own timeout, not a finding:
    # a finding always writes its failing input). Such a run is retried once.
    for try in 1 2; do
      if go test -tags "$TAGS" -run '^$' -fuzz "^${t}\$" -fuzztime "$FUZZTIME" "$pkg" 2>&1 | tee "$log"; then
        break
      fi
      if [ "$try" = 2 ] || grep -q 'Failing input written' "$log" || ! grep -q 'context deadline exceeded' "$log"; then
        exit 1
      fi
      echo "fuzz: $t stopped on the fuzzer's own deadline, not on a finding: once more"
    done
    ran=$((ran + 1))
  done
done
echo "fuzz: $ran target(s) fuzzed for $FUZZTIME each"
