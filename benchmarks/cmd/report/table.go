package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Row is one operation of the table: als beside its best competitor.
type Row struct {
	Op  string
	ALS Interval
	// Compiled is als in a binary built with cmd/alsbuild, for the rows
	// the compiled-mode run measures.
	Compiled  Interval
	Allocs    Interval
	BestLabel string
	Best      Interval
	// HigherIsBetter is set for throughput, where the best competitor is
	// the fastest and not the cheapest.
	HigherIsBetter bool
	Goals          []Goal
}

// Ratio is als's median over the best competitor's.
func (r Row) Ratio() (float64, bool) {
	if !r.ALS.ok || !r.Best.ok || r.Best.Center == 0 {
		return 0, false
	}
	return r.ALS.Center / r.Best.Center, true
}

// competitor is a benchmark that does what als does in another way.
type competitor struct {
	bench string
	label string
}

// data is everything the table is built from.
type data struct {
	samples *Samples
	// e2e holds requests per second of each end-to-end round, nil when
	// that part did not run.
	e2e *e2eRounds
}

// e2eRounds is the throughput of every end-to-end round of each server.
type e2eRounds struct{ ALS, Ctx []float64 }

func (d data) ns(bench string) Interval     { return d.samples.Summary(bench, "ns/op") }
func (d data) allocs(bench string) Interval { return d.samples.Summary(bench, "allocs/op") }

// heapAbovePlain is the heap a live goroutine of the given kind holds
// beyond a plain parked goroutine.
func (d data) heapAbovePlain(kind string) Interval {
	return d.samples.Summary("LiveGoroutineHeap/"+kind, "heapB/goroutine").
		Minus(d.samples.Summary("LiveGoroutineHeap/plain", "heapB/goroutine"))
}

// best picks the competitor with the lowest (or, for throughput, highest)
// median among those measured.
func best(vals []Interval, labels []string, higher bool) (string, Interval) {
	label, m := "—", Interval{}
	for i, v := range vals {
		if !v.ok {
			continue
		}
		if !m.ok || (higher && v.Center > m.Center) || (!higher && v.Center < m.Center) {
			label, m = labels[i], v
		}
	}
	return label, m
}

// timeRow is a row whose values are ns/op of go test benchmarks; its
// compiled-mode column is the same benchmark in the compiled run.
func (d data) timeRow(op, als string, comps []competitor, goals ...Goal) Row {
	vals := make([]Interval, len(comps))
	labels := make([]string, len(comps))
	for i, c := range comps {
		vals[i], labels[i] = d.ns(c.bench), c.label
	}
	label, m := best(vals, labels, false)
	return Row{Op: op, ALS: d.ns(als), Compiled: d.ns(compiledPrefix + als), Allocs: d.allocs(als),
		BestLabel: label, Best: m, Goals: goals}
}

// scaleSizes are the live-goroutine counts of BenchmarkScale.
var scaleSizes = []int{10, 1_000, 100_000, 1_000_000}

// storeTypes are the sub-benchmarks of BenchmarkRunNestedStore.
var storeTypes = []string{"string", "int", "bool", "float64", "pointer"}

// Rows builds the table: every operation the suite measures, with the
// goals of issues 4, 7 and 13 on the rows they belong to, each judged on
// this one run.
func Rows(d data) []Row {
	c := func(bench string) string { return compiledPrefix + bench }
	nodeRun := d.ns("Node/runNested")
	var rows []Row

	rows = append(rows, d.timeRow("Get", "Get/als", []competitor{
		{"Get/ctx-depth3", "context.Value depth 3"},
		{"Get/ctx-depth10", "context.Value depth 10"},
		{"Get/routine", "routine ITL.Get"},
		{"Get/jtolds", "jtolds/gls GetValue"},
	},
		ratioAtMost("≤ 2.0× goid.Get", d.ns("Get/als"), d.ns("Get/goid"), 2.0),
		ratioAtMost("≤ 0.7× routine ITL.Get", d.ns("Get/als"), d.ns("Get/routine"), 0.7),
		ratioAtMost("≤ 1.0× context.Value depth 3", d.ns("Get/als"), d.ns("Get/ctx-depth3"), 1.0),
		zeroAllocs("0 allocs/op", d.allocs("Get/als")),
		ratioAtMost("compiled ≤ 1.0× goid.Get, both compiled", d.ns(c("Get/als")), d.ns(c("Get/goid")), 1.0),
	))
	rows = append(rows, d.timeRow("goid.Get alone (the floor under Get)", "Get/goid", nil))
	rows = append(rows, d.timeRow("Get, RunParallel", "GetParallel/als", []competitor{
		{"GetParallel/ctx-depth3", "context.Value depth 3"},
		{"GetParallel/ctx-depth10", "context.Value depth 10"},
		{"GetParallel/routine", "routine ITL.Get"},
		{"GetParallel/jtolds", "jtolds/gls GetValue"},
	}))
	rows = append(rows, d.timeRow("Run, nested", "RunNested/als", []competitor{
		{"RunNested/ctx", "context.WithValue"},
		{"RunNested/routine", "routine set+restore"},
		{"RunNested/jtolds", "jtolds/gls SetValues"},
	},
		ratioAtMost("≤ 1.0× Node nested run", d.ns("RunNested/als"), nodeRun, 1.0),
	))
	for _, typ := range storeTypes {
		bench := "RunNestedStore/" + typ
		goals := []Goal{zeroAllocs("0 allocs/op", d.allocs(bench))}
		switch typ {
		case "int":
			goals = append([]Goal{ratioAtMost("≤ 0.8× Node als.run", d.ns(bench), nodeRun, 0.8)}, goals...)
		case "string":
			goals = append(goals,
				zeroAllocs("compiled: 0 allocs/op", d.allocs(c(bench))),
				ratioAtMost("compiled ≤ 1.0× default mode", d.ns(c(bench)), d.ns(bench), 1.0))
		}
		rows = append(rows, d.timeRow("Run, nested, "+typ+" store", bench,
			[]competitor{{"Node/runNested", "Node als.run"}}, goals...))
	}
	rows = append(rows, d.timeRow("Run, from an empty goroutine", "RunEmpty/als", []competitor{
		{"RunEmpty/ctx", "context.WithValue"},
		{"RunEmpty/routine", "routine set+remove"},
		{"RunEmpty/jtolds", "jtolds/gls SetValues"},
	}))
	rows = append(rows, d.timeRow("Go, spawn + join", "Go/als", []competitor{
		{"Go/plain", "go + WaitGroup"},
		{"Go/routine", "routine.Go"},
		{"Go/jtolds", "jtolds/gls Go"},
	},
		ratioAtMost("≤ 1.1× go + WaitGroup", d.ns("Go/als"), d.ns("Go/plain"), 1.1),
		ratioAtMost("compiled als.Go ≤ 1.05× unpatched go", d.ns(c("Go/als")), d.ns("Go/plain"), 1.05),
		ratioAtMost("compiled plain go ≤ 1.05× unpatched go", d.ns(c("Go/plain")), d.ns("Go/plain"), 1.05),
	))
	rows = append(rows, d.timeRow("asyncres.New + RunInAsyncScope", "AsyncResource/als", []competitor{
		{"Node/asyncResource", "Node AsyncResource"},
	},
		ratioAtMost("≤ 0.8× Node, no hook", d.ns("AsyncResource/als"), d.ns("Node/asyncResource"), 0.8),
	))
	rows = append(rows, d.timeRow("Bind, capture + call", "Bind/als", []competitor{
		{"Bind/routine", "routine WrapTask+Run"},
	}))
	for _, n := range scaleSizes {
		prefix := "Scale/n=" + strconv.Itoa(n) + "/"
		var goals []Goal
		if n == scaleSizes[len(scaleSizes)-1] {
			goals = append(goals, ratioAtMost("≤ 2× Get at 10 goroutines",
				d.ns(prefix+"als"), d.ns("Scale/n=10/als"), 2))
		}
		rows = append(rows, d.timeRow("Get, "+countLabel(n)+" live goroutines", prefix+"als", []competitor{
			{prefix + "routine", "routine ITL.Get"},
			{prefix + "ctx-depth3", "context.Value depth 3"},
		}, goals...))
	}

	heap := d.heapAbovePlain("als")
	rows = append(rows, Row{
		Op:        "Heap per live goroutine holding a store, above a plain one (B)",
		ALS:       heap,
		Allocs:    d.allocs("LiveGoroutineHeap/als"),
		BestLabel: "routine ITL",
		Best:      d.heapAbovePlain("routine"),
		Goals:     []Goal{atMost("≤ 160 B", heap, "B", 160)},
	})

	e := Row{Op: "HTTP server, 3 calls deep + slog (req/s)", BestLabel: "ctx threading", HigherIsBetter: true}
	if d.e2e != nil {
		e.ALS, e.Best = Summarize(d.e2e.ALS), Summarize(d.e2e.Ctx)
	}
	e.Goals = []Goal{ratioAtLeast("≥ 0.97× ctx server", e.ALS, e.Best, 0.97)}
	rows = append(rows, e)
	return rows
}

// countLabel writes 1000000 as 1M and 100000 as 100k.
func countLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "M"
	case n >= 1_000 && n%1_000 == 0:
		return strconv.Itoa(n/1_000) + "k"
	}
	return strconv.Itoa(n)
}

// formatNumber prints three significant digits at most, and whole
// numbers from 100 up, with thousands separated: 1.53, 13.5, 1,050.
func formatNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case a == 0:
		return "0"
	case a < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Markdown renders rows as one table; a row with several goals continues
// on lines of its own.
func Markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| op | als | als, compiled mode | allocs/op | best competitor | competitor | als / competitor | goal | measured [95% interval] | status |\n")
	b.WriteString("|---|---:|---:|---:|---|---:|---:|---|---:|---|\n")
	for _, r := range rows {
		ratio := "—"
		if v, ok := r.Ratio(); ok {
			ratio = formatRatio(v)
		}
		goals := r.Goals
		if len(goals) == 0 {
			goals = []Goal{{}}
		}
		for i, g := range goals {
			cells := []string{"", "", "", "", "", "", ""}
			if i == 0 {
				cells = []string{r.Op, r.ALS.String(), r.Compiled.String(), r.Allocs.String(), r.BestLabel, r.Best.String(), ratio}
			}
			measured, status := "", ""
			if g.Text != "" {
				measured, status = g.MeasuredString(), g.Status.String()
			}
			cells = append(cells, g.Text, measured, status)
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}
