// Command report runs the whole benchmark suite of als — the go test
// benchmarks beside goid.Get, context, routine and jtolds/gls, the core
// ones again in compiled mode, the Node.js anchor and the end-to-end
// HTTP comparison — and prints one table of medians with their 95%
// confidence intervals and the issues' goals, met or not. It also writes
// RESULTS.md and a picture of Get cost against the number of live
// goroutines.
//
// Run it from the benchmarks directory (make bench does):
//
//	go run ./cmd/report [-count 6] [-benchtime 500ms]
//
// The statistics are the field's: golang.org/x/perf/benchfmt reads the
// benchmark output, golang.org/x/perf/benchmath gives the medians and
// intervals benchstat prints, gonum.org/v1/plot draws the picture. What
// is the report's own is the goals and how it judges them: a goal is met
// only when its whole interval is on the goal's side, and a ratio a/b
// takes the interval [a.lo/b.hi, a.hi/b.lo].
//
// With -raw FILE it saves everything measured in the Go benchmark format,
// each part under an "als-mode: default|compiled|node" line, which
// benchstat reads too (benchstat -col als-mode FILE); with -from FILE it
// reads such a file back instead of running the benchmarks, which is
// handy to redraw the table.
package main
