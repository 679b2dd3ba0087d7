GO ?= go
# Every Go module in the repository, so that test and vet cover all of them.
MODULES := $(shell find . -name go.mod -not -path './testdata/*' -not -path '*/testdata/*' -exec dirname {} \; | sort)

.PHONY: all test vet demo bench fuzz

all: test

vet:
	@for m in $(MODULES); do echo "== go vet $$m"; (cd $$m && $(GO) vet ./...) || exit 1; done

test: vet
	@for m in $(MODULES); do echo "== go test -race $$m"; (cd $$m && $(GO) test -race -count=1 ./...) || exit 1; done

demo:
	$(GO) run ./cmd/alsdemo

# The side-by-side suite against context, routine, jtolds/gls, plain go and
# Node (benchmarks/, its own module): prints one table with the goals and
# writes benchmarks/RESULTS.md and benchmarks/get-scale.svg. About ten
# minutes; BENCHFLAGS passes options to the driver (see go run ./cmd/report -h).
BENCHFLAGS ?=
bench:
	cd benchmarks && $(GO) run ./cmd/report $(BENCHFLAGS)

# A longer fuzz run of the semantics model; FUZZTIME=5m make fuzz for more.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSemantics$$' -fuzztime $(FUZZTIME) .
