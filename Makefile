# Chỉ Số — build, test and packaging.
#   make run      build the GUI and start it (default database in ~/.local/share/chiso)
#   make test     vet + unit tests (replaying every fuzz corpus) + GUI smoke test under Xvfb
#                 + the Windows stage (the installer and the app under Wine):
#                 deterministic, explores nothing new
#   make fuzz     explores with every fuzz target for FUZZTIME each (make fuzz FUZZTIME=5m);
#                 a finding is written under testdata/fuzz/<Target>/: fix it and commit it
#   make release  everything a release needs, in dist/ (Windows installer, portable
#                 zip, Linux tarball, SHA256SUMS)
# Other targets: build, vet, unit, fuzz, smoke, wine-test, bench, package, deps, clean.

SHELL      := /bin/bash
.SHELLFLAGS := -euo pipefail -c
GO         ?= go
TAGS       := migrated_fynedo
TEST_TAGS  := ci,migrated_fynedo
BIN        := bin/chiso
FUZZTIME   ?= 1m
# Extra arguments for `make run`, e.g. make run ARGS='values --db x.db --area QN --period 2020'
ARGS       ?=

.DEFAULT_GOAL := run
.PHONY: run build test vet unit fuzz smoke bench package clean deps deps-build deps-test
.PHONY: release wine-test deps-windows

deps:
	@scripts/deps.sh build test

deps-build:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-windows:
	@scripts/deps.sh windows

# Always rebuild (go's cache makes this cheap); the GUI build needs cgo.
build: deps-build
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o $(BIN) ./cmd/chiso

# LANG defaults to Vietnamese when unset or C/POSIX (Fyne only parses the variable).
run: build
	@lang="$${LANG:-}"; case "$$lang" in ""|C|POSIX|C.*) lang=vi_VN.UTF-8 ;; esac; \
	lcall="$${LC_ALL:-}"; case "$$lcall" in C|POSIX|C.*) unset LC_ALL ;; esac; \
	echo "LANG=$$lang ./$(BIN) $(ARGS)"; \
	LANG="$$lang" exec ./$(BIN) $(ARGS)

# Deterministic: `go test` replays each fuzz target's seeds and its committed
# findings (testdata/fuzz/<Target>/) as ordinary tests; exploring is `make fuzz`.
test: deps
	$(MAKE) --no-print-directory vet
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory smoke
	$(MAKE) --no-print-directory wine-test

vet:
	$(GO) vet -tags $(TEST_TAGS) ./...
	CGO_ENABLED=1 $(GO) vet -tags $(TAGS) ./...

unit:
	$(GO) test -tags $(TEST_TAGS) -count=1 ./...

fuzz:
	TAGS=$(TEST_TAGS) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

smoke: deps
	scripts/smoke.sh

bench: deps
	@if [ -f bench/run.sh ]; then bash bench/run.sh; else echo "bench: no bench/run.sh yet"; fi

package: deps-build
	scripts/package.sh

# The Windows stage: builds the Windows release (no Linux tarball) and tests it
# under Wine; screenshots and logs in smoke-out/wine-*.
wine-test: deps-windows
	scripts/wine-test.sh

release: deps-build deps-windows
	scripts/release.sh

clean:
	rm -rf bin dist smoke-out
