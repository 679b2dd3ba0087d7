#!/bin/sh
# measure.sh MODULE@VERSION [BASE_COMMIT]
#
# How much alsfix -all -fix changes a real module: copies the module from
# the module cache into a temporary directory, adds als (this checkout) as
# a dependency, runs alsfix -all -fix, and prints the number of reports,
# the lines and hunks of the diff of the .go files, the reports of a second
# run, and whether build and vet pass. It measures the fixer of this
# checkout with go statements only (-handoffs=false) and with everything,
# and, given BASE_COMMIT, the fixer of that commit too.
#
#	testdata/alsfix/measure.sh github.com/nats-io/nats.go@v1.55.0 6702986
set -eu
mod=$1
base=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dir=$(cd "$work" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "measure.sh: cannot download $mod" >&2; exit 1; }

(cd "$root/cmd/alsfix" && go build -o "$work/alsfix-head" .)
variants="head:-handoffs=false head:"
if [ -n "$base" ]; then
	mkdir "$work/src-base"
	git -C "$root" archive "$base" | tar -x -C "$work/src-base"
	(cd "$work/src-base" && go build -o "$work/alsfix-base" ./cmd/alsfix)
	variants="base: $variants"
fi

for v in $variants; do
	bin=${v%%:*}
	flags=${v#*:}
	d="$work/$bin$flags"
	cp -r "$dir" "$d"
	chmod -R u+w "$d"
	cd "$d"
	go mod edit -require github.com/go-als/als@v0.0.0 -replace "github.com/go-als/als=$root"
	cat "$root/go.sum" >>go.sum # the sums of als's own requirements
	GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 # the sums of the tests' requirements
	git init -q && git add -A && git -c user.name=m -c user.email=m@m commit -qm original
	reports=$("$work/alsfix-$bin" -all $flags ./... 2>&1 | grep -c ': ' || true)
	"$work/alsfix-$bin" -all $flags -fix ./... >/dev/null 2>&1 || true
	GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1
	lines=$(git diff --numstat -- '*.go' | awk '{a += $1; r += $2} END {printf "+%d -%d (%d)", a, r, a + r}')
	hunks=$(git diff -U0 -- '*.go' | grep -c '^@@' || true)
	again=$("$work/alsfix-$bin" -all $flags ./... 2>&1 | grep -c ': ' || true)
	build=ok; go build ./... >/dev/null 2>&1 || build=FAIL
	vet=ok; go vet ./... >/dev/null 2>&1 || vet=FAIL
	echo "$bin ${flags:-(all)}: $reports reports; diff $lines lines in $hunks hunks; second run $again reports; build $build; vet $vet"
	cd "$root"
done
