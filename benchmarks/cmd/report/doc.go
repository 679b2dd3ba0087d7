// Command report runs the whole benchmark suite of als — the go test
// benchmarks beside context, routine and jtolds/gls, the Node.js anchor
// and the end-to-end HTTP comparison — and prints one table of medians
// with the goals, met or not. It also writes RESULTS.md and a
// picture of Get cost against the number of live goroutines.
//
// Run it from the benchmarks directory (make bench does):
//
//	go run ./cmd/report [-count 5] [-benchtime 500ms]
//
// With -from FILE it reads saved go test -bench output instead of running
// the benchmarks, which is handy to redraw the table.
package main
