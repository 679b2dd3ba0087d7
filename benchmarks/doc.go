// Package benchmarks compares als with the other ways Go programs carry
// request-scoped values: context.Context, github.com/timandy/routine,
// github.com/jtolds/gls and a plain go statement, and with the floor under
// them all, github.com/petermattis/goid's goid.Get alone.
//
// It is its own module, so that the competing libraries never become
// dependencies of als itself. Every operation is measured for every
// library in one go test run, side by side, because on a shared machine
// only numbers taken together can be compared.
//
// Each benchmark is named Benchmark<Operation>/<library>, so a reader (or
// cmd/report) can line up the libraries for one operation:
//
//	go test -run '^$' -bench . -benchmem
//
// Operations:
//
//   - Get, GetParallel: read the current store; Get/goid is goid.Get alone.
//   - RunNested: start a scope inside an existing one; RunEmpty: start one
//     in a goroutine that holds nothing. For routine this is set plus
//     restore of the previous value, for context a context.WithValue.
//   - RunNestedStore: the nested Run of als with a string, int, bool,
//     float64 and pointer store, each with its allocations.
//   - Go: start a goroutine that inherits the store, and wait for it.
//   - Bind: capture the current store into a function and call it.
//   - AsyncResource: asyncres.New plus RunInAsyncScope (build tag asyncres
//     until that package is on main).
//   - Scale: Get while 10 to 1M goroutines are alive, each holding a store.
//   - LiveGoroutineHeap: heap bytes each parked goroutine holding a store
//     costs, beside plain parked goroutines.
//
// go test runs benchmarks file by file in name order, and the files are
// named so that the two which start hundreds of thousands of goroutines
// (scale_memory_test.go, scale_test.go) come last: the runtime keeps every
// dead goroutine's g struct, and a GC must walk them all, which would tax
// the allocating benchmarks that came after.
//
// The end-to-end HTTP comparison is in package e2e, the Node.js anchor in
// node/alsbench.js, and cmd/report runs everything and writes RESULTS.md.
package benchmarks
