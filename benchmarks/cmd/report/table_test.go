package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addRuns records runs values of name in unit spread evenly from
// center−spread to center+spread around center; with 6 runs benchmath's
// interval is exactly [center−spread, center+spread].
func addRuns(s *Samples, name, unit string, center, spread float64, runs int) {
	for i := range runs {
		s.Add(name, unit, center-spread+2*spread*float64(i)/float64(runs-1))
	}
}

// fullSamples is a run in which every benchmark the table uses was
// measured, 6 times, each ns/op within ±2% of its median.
func fullSamples(runs int) *Samples {
	s := NewSamples()
	ns := map[string]float64{
		"Get/als": 5, "Get/goid": 2, "Get/ctx-depth3": 7, "Get/ctx-depth10": 20, "Get/routine": 12, "Get/jtolds": 1000,
		"GetParallel/als": 3, "GetParallel/ctx-depth3": 4, "GetParallel/ctx-depth10": 9,
		"GetParallel/routine": 6, "GetParallel/jtolds": 500,
		"RunNested/als": 30, "RunNested/ctx": 25, "RunNested/routine": 40, "RunNested/jtolds": 3000,
		"RunNestedStore/string": 40, "RunNestedStore/int": 34, "RunNestedStore/bool": 30,
		"RunNestedStore/float64": 38, "RunNestedStore/pointer": 30,
		"RunEmpty/als": 80, "RunEmpty/ctx": 30, "RunEmpty/routine": 50, "RunEmpty/jtolds": 2500,
		"Go/als": 260, "Go/plain": 220, "Go/routine": 900, "Go/jtolds": 3000,
		"AsyncResource/als": 90,
		"Bind/als":          60, "Bind/routine": 200,
		"Scale/n=10/als": 5, "Scale/n=10/routine": 12, "Scale/n=10/ctx-depth3": 7,
		"Scale/n=1000/als": 5, "Scale/n=1000/routine": 12, "Scale/n=1000/ctx-depth3": 7,
		"Scale/n=100000/als": 6, "Scale/n=100000/routine": 12, "Scale/n=100000/ctx-depth3": 7,
		"Scale/n=1000000/als": 11, "Scale/n=1000000/routine": 13, "Scale/n=1000000/ctx-depth3": 7,
		"Node/getStore": 13.5, "Node/runNested": 40, "Node/asyncResource": 75,
		"Compiled/Get/als": 2.5, "Compiled/Get/goid": 2.5,
		"Compiled/RunNested/als": 45, "Compiled/RunNestedStore/string": 35,
		"Compiled/Go/als": 225, "Compiled/Go/plain": 200,
	}
	allocs := map[string]float64{"RunNestedStore/string": 1, "RunNestedStore/float64": 1, "Go/als": 1}
	for name, v := range ns {
		addRuns(s, name, "ns/op", v, 0.02*v, runs)
		addRuns(s, name, "allocs/op", allocs[name], 0, runs)
	}
	for kind, heap := range map[string]float64{"plain": 112, "als": 170, "routine": 216} {
		addRuns(s, "LiveGoroutineHeap/"+kind, "heapB/goroutine", heap, 0.02*heap, runs)
		addRuns(s, "LiveGoroutineHeap/"+kind, "allocs/op", 3, 0, runs)
	}
	return s
}

// fullE2E has the als server within 2.5% of the ctx server in every round.
func fullE2E() *e2eRounds {
	return &e2eRounds{
		ALS: []float64{9800, 9850, 9900, 9820, 9880, 9840, 9860},
		Ctx: []float64{10000, 9950, 10050, 10020, 9980, 10010, 9990},
	}
}

func rowByOp(t *testing.T, rows []Row, op string) Row {
	t.Helper()
	for _, r := range rows {
		if r.Op == op {
			return r
		}
	}
	require.Failf(t, "no row", "op %q", op)
	return Row{}
}

// statuses lists the verdicts of a row's goals by their text.
func statuses(r Row) map[string]Status {
	m := map[string]Status{}
	for _, g := range r.Goals {
		m[g.Text] = g.Status
	}
	return m
}

func TestRows(t *testing.T) {
	rows := Rows(data{samples: fullSamples(6), e2e: fullE2E()})

	get := rowByOp(t, rows, "Get")
	assert.Equal(t, 5.0, get.ALS.Center)
	assert.Equal(t, 2.5, get.Compiled.Center)
	assert.Equal(t, exact(0).Center, get.Allocs.Center)
	assert.Equal(t, "context.Value depth 3", get.BestLabel)
	ratio, ok := get.Ratio()
	require.True(t, ok)
	assert.InDelta(t, 5.0/7, ratio, 1e-12)
	assert.Equal(t, map[string]Status{
		"≤ 2.0× goid.Get":                         NotMet,    // [4.9/2.04, 5.1/1.96] = [2.40, 2.60]
		"≤ 0.7× routine ITL.Get":                  Met,       // ≈ [0.40, 0.43]
		"≤ 1.0× context.Value depth 3":            Met,       // ≈ [0.69, 0.74]
		"0 allocs/op":                             Met,       // every run 0
		"compiled ≤ 1.0× goid.Get, both compiled": Straddles, // [0.96, 1.04]
	}, statuses(get))
	assert.Equal(t, "2.50× [2.40, 2.60]", get.Goals[0].MeasuredString())

	floor := rowByOp(t, rows, "goid.Get alone (the floor under Get)")
	assert.Equal(t, 2.0, floor.ALS.Center)
	assert.Equal(t, 2.5, floor.Compiled.Center)

	nested := rowByOp(t, rows, "Run, nested")
	assert.Equal(t, "context.WithValue", nested.BestLabel)
	assert.Equal(t, map[string]Status{"≤ 1.0× Node nested run": Met}, statuses(nested)) // 30/40
	assert.Equal(t, 45.0, nested.Compiled.Center)

	assert.Equal(t, map[string]Status{
		"0 allocs/op":                  NotMet, // every run allocated once
		"compiled: 0 allocs/op":        Met,
		"compiled ≤ 1.0× default mode": Met, // [34.3/40.8, 35.7/39.2] = [0.84, 0.91]
	}, statuses(rowByOp(t, rows, "Run, nested, string store")))
	intRow := rowByOp(t, rows, "Run, nested, int store")
	assert.Equal(t, "Node als.run", intRow.BestLabel)
	assert.Equal(t, map[string]Status{
		"≤ 0.8× Node als.run": NotMet, // [33.3/40.8, 34.7/39.2] = [0.82, 0.88]
		"0 allocs/op":         Met,
	}, statuses(intRow))
	assert.Equal(t, map[string]Status{"0 allocs/op": Met}, statuses(rowByOp(t, rows, "Run, nested, bool store")))
	assert.Equal(t, map[string]Status{"0 allocs/op": NotMet}, statuses(rowByOp(t, rows, "Run, nested, float64 store")))
	assert.Equal(t, map[string]Status{"0 allocs/op": Met}, statuses(rowByOp(t, rows, "Run, nested, pointer store")))

	goRow := rowByOp(t, rows, "Go, spawn + join")
	assert.Equal(t, "go + WaitGroup", goRow.BestLabel)
	assert.Equal(t, 1.0, goRow.Allocs.Center)
	assert.Equal(t, 225.0, goRow.Compiled.Center)
	assert.Equal(t, map[string]Status{
		"≤ 1.1× go + WaitGroup":                  NotMet,    // [254.8/224.4, 265.2/215.6] = [1.14, 1.23]
		"compiled als.Go ≤ 1.05× unpatched go":   Straddles, // [0.98, 1.06]
		"compiled plain go ≤ 1.05× unpatched go": Met,       // [0.87, 0.95]
	}, statuses(goRow))

	res := rowByOp(t, rows, "asyncres.New + RunInAsyncScope")
	assert.Equal(t, "Node AsyncResource", res.BestLabel)
	assert.Equal(t, map[string]Status{"≤ 0.8× Node, no hook": NotMet}, statuses(res)) // 90/75

	m := rowByOp(t, rows, "Get, 1M live goroutines")
	assert.Equal(t, "context.Value depth 3", m.BestLabel)
	assert.Equal(t, map[string]Status{"≤ 2× Get at 10 goroutines": NotMet}, statuses(m)) // [2.11, 2.29]
	assert.Empty(t, rowByOp(t, rows, "Get, 10 live goroutines").Goals)

	heap := rowByOp(t, rows, "Heap per live goroutine holding a store, above a plain one (B)")
	assert.InDelta(t, 58, heap.ALS.Center, 1e-9)
	assert.InDelta(t, 170*0.98-112*1.02, heap.ALS.Lo, 1e-9)
	assert.InDelta(t, 104, heap.Best.Center, 1e-9)
	assert.Equal(t, map[string]Status{"≤ 160 B": Met}, statuses(heap))
	assert.Equal(t, "58.0 B [52.4, 63.6]", heap.Goals[0].MeasuredString())

	e2e := rowByOp(t, rows, "HTTP server, 3 calls deep + slog (req/s)")
	assert.True(t, e2e.HigherIsBetter)
	assert.Equal(t, map[string]Status{"≥ 0.97× ctx server": Met}, statuses(e2e)) // [9800/10050, 9900/9950]

	assert.Equal(t, map[Status]int{Met: 12, NotMet: 7, Straddles: 2}, GoalSummary(rows))
}

// Every goal of issue 13 is on the table, as a ratio or a count from the
// same run.
func TestRowsCarryIssue13Goals(t *testing.T) {
	rows := Rows(data{samples: fullSamples(6), e2e: fullE2E()})
	var texts []string
	for _, r := range rows {
		for _, g := range r.Goals {
			texts = append(texts, r.Op+": "+g.Text)
		}
	}
	for _, want := range []string{
		"Get: ≤ 2.0× goid.Get",
		"Run, nested, int store: ≤ 0.8× Node als.run",
		"Run, nested, string store: 0 allocs/op",
		"Run, nested, int store: 0 allocs/op",
		"Run, nested, bool store: 0 allocs/op",
		"Run, nested, float64 store: 0 allocs/op",
		"Run, nested, pointer store: 0 allocs/op",
		"asyncres.New + RunInAsyncScope: ≤ 0.8× Node, no hook",
		"Go, spawn + join: ≤ 1.1× go + WaitGroup",
		"Get: compiled ≤ 1.0× goid.Get, both compiled",
		"Run, nested, string store: compiled: 0 allocs/op",
		"Run, nested, string store: compiled ≤ 1.0× default mode",
	} {
		assert.Contains(t, texts, want)
	}
}

// With fewer than 6 runs there is no 95% interval, so no goal on a time
// can be met, however good its median.
func TestTooFewRunsMeetNoTimeGoal(t *testing.T) {
	rows := Rows(data{samples: fullSamples(5)})
	for _, r := range rows {
		for _, g := range r.Goals {
			if g.Unit == "allocs/op" {
				continue // counts that never vary have an exact interval
			}
			assert.NotEqual(t, Met, g.Status, "%s: %s", r.Op, g.Text)
		}
	}
}

// Whatever a run left out shows as not measured, never as met.
func TestRowsWithMissingData(t *testing.T) {
	rows := Rows(data{samples: NewSamples()})
	assert.Equal(t, map[Status]int{NotMeasured: 21}, GoalSummary(rows))
	for _, r := range rows {
		assert.False(t, r.ALS.ok, r.Op)
		assert.False(t, r.Compiled.ok, r.Op)
		_, ok := r.Ratio()
		assert.False(t, ok, r.Op)
		for _, g := range r.Goals {
			assert.Equal(t, "—", g.MeasuredString(), r.Op)
		}
	}
}

func TestBestPicksByDirection(t *testing.T) {
	vals := []Interval{exact(5), exact(3), {}, exact(9)}
	labels := []string{"a", "b", "c", "d"}
	l, m := best(vals, labels, false)
	assert.Equal(t, "b", l)
	assert.Equal(t, 3.0, m.Center)
	l, m = best(vals, labels, true)
	assert.Equal(t, "d", l)
	assert.Equal(t, 9.0, m.Center)
	l, m = best(nil, nil, false)
	assert.Equal(t, "—", l)
	assert.False(t, m.ok)
}

func TestMarkdown(t *testing.T) {
	rows := []Row{
		{Op: "Get", ALS: iv(4.9, 5, 5.1), Compiled: exact(2), Allocs: exact(0), BestLabel: "ctx", Best: exact(7),
			Goals: []Goal{ratioAtMost("≤ 1×", iv(4.9, 5, 5.1), exact(7), 1), zeroAllocs("0 allocs/op", exact(0))}},
		{Op: "Bind", ALS: exact(60), BestLabel: "—"},
		{Op: "Go", ALS: exact(300), Best: exact(220), BestLabel: "go",
			Goals: []Goal{ratioAtMost("≤ 1.3×", exact(300), exact(220), 1.3), ratioAtMost("≤ 1× Node", exact(300), Interval{}, 1)}},
	}
	lines := strings.Split(strings.TrimSpace(Markdown(rows)), "\n")
	require.Len(t, lines, 2+2+1+2)
	assert.Equal(t, "| Get | 5.00 ±2% | 2.00 | 0 | ctx | 7.00 | 0.71× | ≤ 1× | 0.71× [0.70, 0.73] | met |", lines[2])
	assert.Equal(t, "|  |  |  |  |  |  |  | 0 allocs/op | 0 allocs/op [0, 0] | met |", lines[3])
	assert.Equal(t, "| Bind | 60.0 | — | — | — | — | — |  |  |  |", lines[4])
	assert.Contains(t, lines[5], "| 1.36× [1.36, 1.36] | **not met** |")
	assert.Contains(t, lines[6], "| ≤ 1× Node | — | n/a |")
	for _, l := range lines {
		assert.Equal(t, 11, strings.Count(l, "|"), l)
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1.534: "1.53", 13.46: "13.5", 99.94: "99.9", 100.4: "100",
		1049.6: "1,050", 1234567: "1,234,567", -2.5: "-2.50", -1500: "-1,500",
	} {
		assert.Equal(t, want, formatNumber(v), "formatNumber(%v)", v)
	}
}

func TestCountLabel(t *testing.T) {
	for n, want := range map[int]string{10: "10", 1000: "1k", 100_000: "100k", 1_000_000: "1M", 1500: "1500", 2_000_000: "2M"} {
		assert.Equal(t, want, countLabel(n))
	}
}
