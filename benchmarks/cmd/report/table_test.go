package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullSet is a run in which every benchmark the table uses was measured.
func fullSet() *Set {
	s := NewSet()
	ns := map[string]float64{
		"Get/als": 5, "Get/ctx-depth3": 7, "Get/ctx-depth10": 20, "Get/routine": 12, "Get/jtolds": 1000,
		"GetParallel/als": 3, "GetParallel/ctx-depth3": 4, "GetParallel/ctx-depth10": 9,
		"GetParallel/routine": 6, "GetParallel/jtolds": 500,
		"RunNested/als": 30, "RunNested/ctx": 25, "RunNested/routine": 40, "RunNested/jtolds": 3000,
		"RunEmpty/als": 80, "RunEmpty/ctx": 30, "RunEmpty/routine": 50, "RunEmpty/jtolds": 2500,
		"Go/als": 300, "Go/plain": 220, "Go/routine": 900, "Go/jtolds": 3000,
		"AsyncResource/als": 90,
		"Bind/als":          60, "Bind/routine": 200,
		"Scale/n=10/als": 5, "Scale/n=10/routine": 12, "Scale/n=10/ctx-depth3": 7,
		"Scale/n=1000/als": 5, "Scale/n=1000/routine": 12, "Scale/n=1000/ctx-depth3": 7,
		"Scale/n=100000/als": 6, "Scale/n=100000/routine": 12, "Scale/n=100000/ctx-depth3": 7,
		"Scale/n=1000000/als": 11, "Scale/n=1000000/routine": 13, "Scale/n=1000000/ctx-depth3": 7,
		"Node/getStore": 13.5, "Node/runNested": 40, "Node/asyncResource": 75,
		"Compiled/Get/als": 2.5, "Compiled/RunNested/als": 45, "Compiled/Go/als": 225, "Compiled/Go/plain": 240,
	}
	for name, v := range ns {
		s.Add(name, "ns/op", v)
		s.Add(name, "allocs/op", 0)
	}
	s.Add("Go/als", "allocs/op", 2) // the median of {0, 2} is 1
	for kind, heap := range map[string]float64{"plain": 112, "als": 170, "routine": 216} {
		s.Add("LiveGoroutineHeap/"+kind, "heapB/goroutine", heap)
		s.Add("LiveGoroutineHeap/"+kind, "allocs/op", 3)
	}
	return s
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

func TestRows(t *testing.T) {
	rows := Rows(data{set: fullSet(), e2e: &e2eResult{ALS: 9800, Ctx: 10000, Rounds: 5}})

	get := rowByOp(t, rows, "Get")
	assert.Equal(t, measure{5, true}, get.ALS)
	assert.Equal(t, measure{0, true}, get.Allocs)
	assert.Equal(t, "context.Value depth 3", get.BestLabel)
	assert.InDelta(t, 5.0/7, get.Ratio().v, 1e-12)
	require.Len(t, get.Goals, 4)
	assert.Equal(t, Met, get.Goals[0].Status) // 5/12 ≤ 0.7
	assert.Equal(t, "0.42×", get.Goals[0].Measured)
	assert.Equal(t, Met, get.Goals[1].Status) // 5/7 ≤ 1
	assert.Equal(t, Met, get.Goals[2].Status) // 0 allocs
	assert.Equal(t, measure{2.5, true}, get.Compiled)
	assert.Equal(t, Met, get.Goals[3].Status) // compiled 2.5 ns ≤ 3
	assert.Equal(t, "2.50 ns", get.Goals[3].Measured)

	nested := rowByOp(t, rows, "Run, nested")
	assert.Equal(t, "context.WithValue", nested.BestLabel)
	assert.Equal(t, Met, nested.Goals[0].Status) // 30/40

	goRow := rowByOp(t, rows, "Go, spawn + join")
	assert.Equal(t, "go + WaitGroup", goRow.BestLabel)
	assert.Equal(t, NotMet, goRow.Goals[0].Status) // 300/220 = 1.36 > 1.3
	assert.Equal(t, measure{1, true}, goRow.Allocs)
	assert.Equal(t, measure{225, true}, goRow.Compiled)
	assert.Equal(t, Met, goRow.Goals[1].Status)    // compiled als.Go: 225/220 ≤ 1.05
	assert.Equal(t, NotMet, goRow.Goals[2].Status) // compiled plain go: 240/220 > 1.05
	assert.Equal(t, measure{45, true}, nested.Compiled)

	res := rowByOp(t, rows, "asyncres.New + RunInAsyncScope")
	assert.Equal(t, "Node AsyncResource", res.BestLabel)
	assert.Equal(t, NotMet, res.Goals[0].Status) // 90/75

	m := rowByOp(t, rows, "Get, 1M live goroutines")
	assert.Equal(t, "context.Value depth 3", m.BestLabel)
	assert.Equal(t, NotMet, m.Goals[0].Status) // 11/5 = 2.2 > 2
	assert.Empty(t, rowByOp(t, rows, "Get, 10 live goroutines").Goals)

	heap := rowByOp(t, rows, "Heap per live goroutine holding a store, above a plain one (B)")
	assert.Equal(t, measure{58, true}, heap.ALS)
	assert.Equal(t, measure{104, true}, heap.Best)
	assert.Equal(t, Met, heap.Goals[0].Status)
	assert.Equal(t, "58.0 B", heap.Goals[0].Measured)

	e2e := rowByOp(t, rows, "HTTP server, 3 calls deep + slog (req/s)")
	assert.True(t, e2e.HigherIsBetter)
	assert.InDelta(t, 0.98, e2e.Ratio().v, 1e-12)
	assert.Equal(t, Met, e2e.Goals[0].Status)

	met, notMet, na := GoalSummary(rows)
	assert.Equal(t, [3]int{8, 4, 0}, [3]int{met, notMet, na})
}

// Whatever a run left out shows as not measured, never as met.
func TestRowsWithMissingData(t *testing.T) {
	rows := Rows(data{set: NewSet()})
	met, notMet, na := GoalSummary(rows)
	assert.Zero(t, met)
	assert.Zero(t, notMet)
	assert.Equal(t, 12, na)
	for _, r := range rows {
		assert.False(t, r.ALS.ok, r.Op)
		assert.False(t, r.Compiled.ok, r.Op)
		assert.False(t, r.Ratio().ok, r.Op)
		for _, g := range r.Goals {
			assert.Equal(t, "—", g.Measured, r.Op)
		}
	}
}

func TestBestPicksByDirection(t *testing.T) {
	vals := []measure{{5, true}, {3, true}, {1, false}, {9, true}}
	labels := []string{"a", "b", "c", "d"}
	l, m := best(vals, labels, false)
	assert.Equal(t, "b", l)
	assert.Equal(t, 3.0, m.v)
	l, m = best(vals, labels, true)
	assert.Equal(t, "d", l)
	assert.Equal(t, 9.0, m.v)
	l, m = best(nil, nil, false)
	assert.Equal(t, "—", l)
	assert.False(t, m.ok)
}

func TestMarkdown(t *testing.T) {
	rows := []Row{
		{Op: "Get", ALS: measure{5, true}, Compiled: measure{2, true}, Allocs: measure{0, true}, BestLabel: "ctx", Best: measure{7, true},
			Goals: []Goal{{"≤ 1×", "0.71×", Met}, {"0 allocs/op", "0 allocs/op", Met}}},
		{Op: "Bind", ALS: measure{60, true}, BestLabel: "—"},
		{Op: "Go", ALS: measure{300, true}, Best: measure{220, true}, BestLabel: "go",
			Goals: []Goal{{"≤ 1.3×", "1.36×", NotMet}, {"≤ 1× Node", "—", NotMeasured}}},
	}
	lines := strings.Split(strings.TrimSpace(Markdown(rows)), "\n")
	require.Len(t, lines, 2+2+1+2)
	assert.Equal(t, "| Get | 5.00 | 2.00 | 0 | ctx | 7.00 | 0.71× | ≤ 1× | 0.71× | met |", lines[2])
	assert.Equal(t, "|  |  |  |  |  |  |  | 0 allocs/op | 0 allocs/op | met |", lines[3])
	assert.Equal(t, "| Bind | 60.0 | — | — | — | — | — |  |  |  |", lines[4])
	assert.Contains(t, lines[5], "**not met**")
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

func TestVerdict(t *testing.T) {
	assert.Equal(t, Met, verdict(0.7, 0.7, false))
	assert.Equal(t, NotMet, verdict(0.71, 0.7, false))
	assert.Equal(t, Met, verdict(0.97, 0.97, true))
	assert.Equal(t, NotMet, verdict(0.96, 0.97, true))
	assert.Equal(t, "n/a", NotMeasured.String())
}
