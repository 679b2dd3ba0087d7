package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// measure is one number of the table, or nothing when it was not measured.
type measure struct {
	v  float64
	ok bool
}

func (m measure) String() string {
	if !m.ok {
		return "—"
	}
	return formatNumber(m.v)
}

// Status is a goal's verdict.
type Status int

const (
	// NotMeasured: a number the goal needs is missing from the run.
	NotMeasured Status = iota
	// Met: the measured value is within the goal.
	Met
	// NotMet: the measured value misses the goal.
	NotMet
)

func (s Status) String() string {
	switch s {
	case Met:
		return "met"
	case NotMet:
		return "**not met**"
	}
	return "n/a"
}

// Goal is one of the targets and how this run did against it.
type Goal struct {
	Text     string // the target, e.g. "≤ 0.7× routine ITL.Get"
	Measured string // what this run measured, e.g. "0.62×"
	Status   Status
}

// Row is one operation of the table: als beside its best competitor.
type Row struct {
	Op  string
	ALS measure
	// Compiled is als in a binary built with cmd/alsbuild, for the rows
	// the compiled-mode run measures.
	Compiled  measure
	Allocs    measure
	BestLabel string
	Best      measure
	// HigherIsBetter is set for throughput, where the best competitor is
	// the fastest and not the cheapest.
	HigherIsBetter bool
	Goals          []Goal
}

// Ratio is als's value over the best competitor's.
func (r Row) Ratio() measure {
	if !r.ALS.ok || !r.Best.ok || r.Best.v == 0 {
		return measure{}
	}
	return measure{r.ALS.v / r.Best.v, true}
}

// competitor is a benchmark that does what als does in another way.
type competitor struct {
	bench string
	label string
}

// data is everything the table is built from.
type data struct {
	set *Set
	// e2e holds the end-to-end medians, nil when that part did not run.
	e2e *e2eResult
}

type e2eResult struct {
	ALS, Ctx float64 // median requests per second
	Rounds   int
}

func (d data) ns(bench string) measure {
	v, ok := d.set.Median(bench, "ns/op")
	return measure{v, ok}
}

func (d data) allocs(bench string) measure {
	v, ok := d.set.Median(bench, "allocs/op")
	return measure{v, ok}
}

// heapAbovePlain is the heap a live goroutine of the given kind holds
// beyond a plain parked goroutine.
func (d data) heapAbovePlain(kind string) measure {
	v, ok1 := d.set.Median("LiveGoroutineHeap/"+kind, "heapB/goroutine")
	p, ok2 := d.set.Median("LiveGoroutineHeap/plain", "heapB/goroutine")
	return measure{v - p, ok1 && ok2}
}

// best picks the competitor with the lowest (or, for throughput, highest)
// value among those measured.
func best(vals []measure, labels []string, higher bool) (string, measure) {
	label, m := "—", measure{}
	for i, v := range vals {
		if !v.ok {
			continue
		}
		if !m.ok || (higher && v.v > m.v) || (!higher && v.v < m.v) {
			label, m = labels[i], v
		}
	}
	return label, m
}

// timeRow is a row whose values are ns/op of go test benchmarks.
func (d data) timeRow(op, als string, comps []competitor, goals ...Goal) Row {
	vals := make([]measure, len(comps))
	labels := make([]string, len(comps))
	for i, c := range comps {
		vals[i], labels[i] = d.ns(c.bench), c.label
	}
	label, m := best(vals, labels, false)
	return Row{Op: op, ALS: d.ns(als), Allocs: d.allocs(als), BestLabel: label, Best: m, Goals: goals}
}

// ratioGoal compares num/den with limit: at most limit, or at least it
// when atLeast is set.
func ratioGoal(text string, num, den measure, limit float64, atLeast bool) Goal {
	g := Goal{Text: text, Measured: "—"}
	if !num.ok || !den.ok || den.v == 0 {
		return g
	}
	r := num.v / den.v
	g.Measured = formatRatio(r)
	g.Status = verdict(r, limit, atLeast)
	return g
}

// valueGoal compares a value with limit, shown with unit.
func valueGoal(text string, v measure, unit string, limit float64) Goal {
	g := Goal{Text: text, Measured: "—"}
	if !v.ok {
		return g
	}
	g.Measured = strings.TrimSpace(formatNumber(v.v) + " " + unit)
	g.Status = verdict(v.v, limit, false)
	return g
}

func verdict(v, limit float64, atLeast bool) Status {
	if (atLeast && v >= limit) || (!atLeast && v <= limit) {
		return Met
	}
	return NotMet
}

// compiledPrefix names the benchmarks of the compiled-mode run.
const compiledPrefix = "Compiled/"

// scaleSizes are the live-goroutine counts of BenchmarkScale.
var scaleSizes = []int{10, 1_000, 100_000, 1_000_000}

// Rows builds the table: every operation the suite measures, with the
// issue's goals on the rows they belong to.
func Rows(d data) []Row {
	node := func(name string) measure { return d.ns("Node/" + name) }
	var rows []Row

	get := d.timeRow("Get", "Get/als", []competitor{
		{"Get/ctx-depth3", "context.Value depth 3"},
		{"Get/ctx-depth10", "context.Value depth 10"},
		{"Get/routine", "routine ITL.Get"},
		{"Get/jtolds", "jtolds/gls GetValue"},
	},
		ratioGoal("≤ 0.7× routine ITL.Get", d.ns("Get/als"), d.ns("Get/routine"), 0.7, false),
		ratioGoal("≤ 1.0× context.Value depth 3", d.ns("Get/als"), d.ns("Get/ctx-depth3"), 1.0, false),
		valueGoal("0 allocs/op", d.allocs("Get/als"), "allocs/op", 0),
		valueGoal("compiled mode ≤ 3 ns", d.ns(compiledPrefix+"Get/als"), "ns", 3),
	)
	get.Compiled = d.ns(compiledPrefix + "Get/als")
	rows = append(rows, get)
	rows = append(rows, d.timeRow("Get, RunParallel", "GetParallel/als", []competitor{
		{"GetParallel/ctx-depth3", "context.Value depth 3"},
		{"GetParallel/ctx-depth10", "context.Value depth 10"},
		{"GetParallel/routine", "routine ITL.Get"},
		{"GetParallel/jtolds", "jtolds/gls GetValue"},
	}))
	nested := d.timeRow("Run, nested", "RunNested/als", []competitor{
		{"RunNested/ctx", "context.WithValue"},
		{"RunNested/routine", "routine set+restore"},
		{"RunNested/jtolds", "jtolds/gls SetValues"},
	},
		ratioGoal("≤ 1.0× Node nested run", d.ns("RunNested/als"), node("runNested"), 1.0, false),
	)
	nested.Compiled = d.ns(compiledPrefix + "RunNested/als")
	rows = append(rows, nested)
	rows = append(rows, d.timeRow("Run, from an empty goroutine", "RunEmpty/als", []competitor{
		{"RunEmpty/ctx", "context.WithValue"},
		{"RunEmpty/routine", "routine set+remove"},
		{"RunEmpty/jtolds", "jtolds/gls SetValues"},
	}))
	spawn := d.timeRow("Go, spawn + join", "Go/als", []competitor{
		{"Go/plain", "go + WaitGroup"},
		{"Go/routine", "routine.Go"},
		{"Go/jtolds", "jtolds/gls Go"},
	},
		ratioGoal("≤ 1.3× go + WaitGroup", d.ns("Go/als"), d.ns("Go/plain"), 1.3, false),
		ratioGoal("compiled als.Go ≤ 1.05× unpatched go", d.ns(compiledPrefix+"Go/als"), d.ns("Go/plain"), 1.05, false),
		ratioGoal("compiled plain go ≤ 1.05× unpatched go", d.ns(compiledPrefix+"Go/plain"), d.ns("Go/plain"), 1.05, false),
	)
	spawn.Compiled = d.ns(compiledPrefix + "Go/als")
	rows = append(rows, spawn)
	rows = append(rows, d.timeRow("asyncres.New + RunInAsyncScope", "AsyncResource/als", []competitor{
		{"Node/asyncResource", "Node AsyncResource"},
	},
		ratioGoal("≤ 1.0× Node, no hook", d.ns("AsyncResource/als"), node("asyncResource"), 1.0, false),
	))
	rows = append(rows, d.timeRow("Bind, capture + call", "Bind/als", []competitor{
		{"Bind/routine", "routine WrapTask+Run"},
	}))
	for _, n := range scaleSizes {
		prefix := "Scale/n=" + strconv.Itoa(n) + "/"
		var goals []Goal
		if n == scaleSizes[len(scaleSizes)-1] {
			goals = append(goals, ratioGoal("≤ 2× Get at 10 goroutines",
				d.ns(prefix+"als"), d.ns("Scale/n=10/als"), 2, false))
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
		Goals:     []Goal{valueGoal("≤ 160 B", heap, "B", 160)},
	})

	e := Row{Op: "HTTP server, 3 calls deep + slog (req/s)", BestLabel: "ctx threading", HigherIsBetter: true}
	g := Goal{Text: "≥ 0.97× ctx server", Measured: "—"}
	if d.e2e != nil {
		e.ALS, e.Best = measure{d.e2e.ALS, true}, measure{d.e2e.Ctx, true}
		g = ratioGoal(g.Text, e.ALS, e.Best, 0.97, true)
	}
	e.Goals = []Goal{g}
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

func formatRatio(r float64) string { return strconv.FormatFloat(r, 'f', 2, 64) + "×" }

// Markdown renders rows as one table; a row with several goals continues
// on lines of its own.
func Markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| op | als | als, compiled mode | allocs/op | best competitor | competitor | als / competitor | goal | measured | status |\n")
	b.WriteString("|---|---:|---:|---:|---|---:|---:|---|---:|---|\n")
	for _, r := range rows {
		ratio := "—"
		if m := r.Ratio(); m.ok {
			ratio = formatRatio(m.v)
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
			status := ""
			if g.Text != "" {
				status = g.Status.String()
			}
			cells = append(cells, g.Text, g.Measured, status)
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

// GoalSummary counts the goals met, missed and not measured.
func GoalSummary(rows []Row) (met, notMet, na int) {
	for _, r := range rows {
		for _, g := range r.Goals {
			switch g.Status {
			case Met:
				met++
			case NotMet:
				notMet++
			default:
				na++
			}
		}
	}
	return met, notMet, na
}
