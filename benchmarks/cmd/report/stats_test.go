package main

import (
	"testing"

	"github.com/go-als/als/benchmarks/internal/stats"

	"github.com/stretchr/testify/assert"
)

func TestMedianAndSpread(t *testing.T) {
	for _, tc := range []struct {
		in             []float64
		median, spread float64
	}{
		{nil, 0, 0},
		{[]float64{5}, 5, 0},
		{[]float64{3, 1, 2}, 2, 0.5},
		{[]float64{4, 1, 3, 2}, 2.5, 0.6},
		{[]float64{10, 10, 11, 9, 10}, 10, 0.1},
		{[]float64{0, 0}, 0, 0},
	} {
		assert.InDelta(t, tc.median, stats.Median(tc.in), 1e-12, "stats.Median(%v)", tc.in)
		assert.InDelta(t, tc.spread, spread(tc.in), 1e-12, "spread(%v)", tc.in)
	}
	in := []float64{3, 1, 2}
	stats.Median(in)
	assert.Equal(t, []float64{3, 1, 2}, in, "median must not reorder its input")
}

func TestSortUnits(t *testing.T) {
	us := []string{"heapB/goroutine", "allocs/op", "ns/op", "B/op"}
	sortUnits(us)
	assert.Equal(t, []string{"ns/op", "B/op", "allocs/op", "heapB/goroutine"}, us)
}
