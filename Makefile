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

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./...

# A longer fuzz run of the semantics model; FUZZTIME=5m make fuzz for more.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSemantics$$' -fuzztime $(FUZZTIME) .
