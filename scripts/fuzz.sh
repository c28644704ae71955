#!/usr/bin/env bash
# Explores with every Go fuzz target of the module for FUZZTIME each (default
# 1m; `make fuzz FUZZTIME=5m`). This is run on purpose, not by `make test`:
# `go test` (make unit) already replays each target's seeds and the findings
# committed under <package>/testdata/fuzz/<Target>/, and explores nothing new.
# A finding writes its input there and fails: fix the code, keep the file,
# commit both. Targets are discovered per package with `go test -list`.
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
      if grep -q 'Failing input written' "$log"; then
        echo "fuzz: $t found an input that fails (above): fix it and commit the file under $pkg's testdata/fuzz/$t/," >&2
        echo "fuzz: which make test then replays every time" >&2
        exit 1
      fi
      if [ "$try" = 2 ] || ! grep -q 'context deadline exceeded' "$log"; then
        exit 1
      fi
      echo "fuzz: $t stopped on the fuzzer's own deadline, not on a finding: once more"
    done
    ran=$((ran + 1))
  done
done
echo "fuzz: $ran target(s) fuzzed for $FUZZTIME each"
