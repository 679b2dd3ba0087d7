// The five-ways fixture of cmd/alsfix (issue 12). The test copies this
// module to a temporary directory and points the replace directive at the
// repository root.
module example.com/fiveways

go 1.25.0

require (
	github.com/go-als/als v0.0.0
	golang.org/x/sync v0.19.0
)

require (
	github.com/petermattis/goid v0.0.0-20261109124353-7cfa343ad0ab // indirect
	github.com/puzpuzpuz/xsync/v3 v3.5.1 // indirect
)

replace github.com/go-als/als => ../../..
