GO ?= go
# Every Go module in the repository, so that test and vet cover all of them,
# except those whose go directive is newer than the Go running make (the
# CI matrix's older releases cannot build them); test says which it skips.
GOVERSION := $(shell $(GO) env GOVERSION | sed 's/^go//')
ALL_MODULES := $(shell find . -name go.mod -not -path './testdata/*' -not -path '*/testdata/*' -exec dirname {} \; | sort)
needs = $(shell sed -n 's/^go //p' $(1)/go.mod)
buildable = $(shell [ "$$(printf '%s\n%s\n' '$(call needs,$(1))' '$(GOVERSION)' | sort -V | head -1)" = '$(call needs,$(1))' ] && echo $(1))
MODULES := $(foreach m,$(ALL_MODULES),$(call buildable,$(m)))
SKIPPED := $(filter-out $(MODULES),$(ALL_MODULES))

.PHONY: all test test-compiled test-smalltable bench-compiled vet demo bench fuzz stress pauses release-check

all: test

vet:
	@for m in $(SKIPPED); do echo "== skipping $$m: it needs go $$(sed -n 's/^go //p' $$m/go.mod), this is go $(GOVERSION)"; done
	@for m in $(MODULES); do echo "== go vet $$m"; (cd $$m && $(GO) vet ./...) || exit 1; done

# cmd/alsbuild's tests build the standard library with the patched runtime
# once per -toolexec chain they try; with a cold cache on a busy 2-core
# machine they took 8.5 minutes, close to go test's default limit of 10.
TEST_TIMEOUT ?= 30m
test: vet
	@for m in $(MODULES); do echo "== go test -race $$m"; (cd $$m && $(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) ./...) || exit 1; done
	@$(MAKE) --no-print-directory test-smalltable
	@$(MAKE) --no-print-directory test-compiled

# The engine's packages again with a two-slot goroutine table, so that
# every goroutine collides: the contended case, forced (SPEC 18).
ENGINE_PKGS := . ./gls ./spawn ./asyncres
test-smalltable:
	@echo "== go test -race -tags als_smalltable $(ENGINE_PKGS)"
	@$(GO) test -race -count=1 -tags als_smalltable $(ENGINE_PKGS)

# The stress cases for minutes each (STRESSTIME per case): under -race with
# the two-slot table, then without -race and the real table at full scale
# (20,000 goroutines), then the reclaimer's pause measurement.
STRESSTIME ?= 2m
stress: SHELL := /bin/bash
stress: .SHELLFLAGS := -o pipefail -c
stress:
	@echo "== full output in stress-race.log, stress.log and stress-compiled.log"
	ALS_STRESS=$(STRESSTIME) $(GO) test -race -count=1 -tags als_smalltable -run 'Stress' -timeout 0 -v ./gls . | tee stress-race.log | grep -E '^(---|ok|FAIL)|reads:|DATA RACE'
	ALS_STRESS=$(STRESSTIME) $(GO) test -count=1 -run 'Stress' -timeout 0 -v ./gls . | tee stress.log | grep -E '^(---|ok|FAIL)|reads:'
	@$(GO) build -o $(ALSBUILD_DIR)/alsbuild ./cmd/alsbuild
	ALS_STRESS=$(STRESSTIME) $(GO) test -race -count=1 -toolexec=$(ALSBUILD_DIR)/alsbuild -run 'Stress' -timeout 0 -v ./gls . | tee stress-compiled.log | grep -E '^(---|ok|FAIL)|reads:|children:|DATA RACE' || { rm -rf $(ALSBUILD_DIR); exit 1; }
	@rm -rf $(ALSBUILD_DIR)
	@$(MAKE) --no-print-directory pauses

# Stop-the-world pauses and ticker lateness with 200k parked goroutines and
# 10 long-lived goroutines holding EnterWith entries (the engine issue's
# fourth measurement). Exits non-zero past its goals.
pauses:
	cd benchmarks && $(GO) run ./cmd/pauses

# The whole suite again in compiled mode: every module built with
# cmd/alsbuild, whose patched runtime lets plain go statements inherit.
ALSBUILD_DIR := $(shell mktemp -d -u /tmp/alsbuild.XXXXXX)
test-compiled:
	@$(GO) build -o $(ALSBUILD_DIR)/alsbuild ./cmd/alsbuild
	@for m in $(MODULES); do echo "== go test -race -toolexec=alsbuild $$m"; (cd $$m && $(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) -toolexec=$(ALSBUILD_DIR)/alsbuild ./...) || { rm -rf $(ALSBUILD_DIR); exit 1; }; done
	@rm -rf $(ALSBUILD_DIR)

# Before adding a Go release to cmd/alsbuild: diff the runtime code it
# patches against the newest supported release and run the patch tests on
# the new sources (cmd/alsbuild/RELEASES.md is the whole routine).
GO_BASE ?= go1.27.3
release-check:
	@test -n "$(GO_RELEASE)" || { echo "usage: make release-check GO_RELEASE=go1.28.0 [GO_BASE=$(GO_BASE)]"; exit 2; }
	@bash .ci/release-check $(GO_RELEASE) $(GO_BASE)

# The core operations (Get beside the goid.Get floor, nested Run with
# every store type, Go) in default mode and then in a test binary built
# with cmd/alsbuild, through the same driver as make bench: prints their
# rows of the table with the compiled-mode goals and writes no file.
# make bench runs the same compiled-mode step itself, right after the
# default-mode suite, so RESULTS.md's compiled rows come from that run.
bench-compiled:
	cd benchmarks && $(GO) run ./cmd/report -bench '^Benchmark(Get|RunNested|RunNestedStore|Go)$$' -skip-e2e -out '' $(BENCHFLAGS)

demo:
	$(GO) run ./cmd/alsdemo

# The side-by-side suite against goid.Get, context, routine, jtolds/gls,
# plain go and Node (benchmarks/, its own module), the core benchmarks
# again in compiled mode, and the end-to-end server: prints one table of
# medians with 95% intervals and the goals, and writes
# benchmarks/RESULTS.md and benchmarks/get-scale.svg. 15 minutes on the
# 2-core dev machine under load; BENCHFLAGS passes options to the driver (see
# go run ./cmd/report -h), e.g. BENCHFLAGS='-benchtime 100ms' for a quick look.
BENCHFLAGS ?=
bench:
	cd benchmarks && $(GO) run ./cmd/report $(BENCHFLAGS)

# A longer fuzz run of the semantics model; FUZZTIME=5m make fuzz for more.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSemantics$$' -fuzztime $(FUZZTIME) .
