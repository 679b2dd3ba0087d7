package main

import (
	"math"
	"sort"

	"github.com/go-als/als/benchmarks/internal/stats"
)

// spread is the largest distance of any value from the median, as a
// fraction of the median: benchstat's "± x%". 0 for fewer than two
// values or a zero median.
func spread(xs []float64) float64 {
	m := stats.Median(xs)
	if len(xs) < 2 || m == 0 {
		return 0
	}
	d := 0.0
	for _, x := range xs {
		d = math.Max(d, math.Abs(x-m))
	}
	return d / math.Abs(m)
}

// sortUnits puts ns/op first, then the other units by name.
func sortUnits(us []string) {
	sort.Slice(us, func(i, j int) bool {
		if (us[i] == "ns/op") != (us[j] == "ns/op") {
			return us[i] == "ns/op"
		}
		return us[i] < us[j]
	})
}
