package main

import (
	"math"
	"slices"
	"sort"
)

// median is the middle value of xs (the mean of the two middle ones for
// an even count), as benchstat reports; 0 for no values.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is the largest distance of any value from the median, as a
// fraction of the median: benchstat's "± x%". 0 for fewer than two
// values or a zero median.
func spread(xs []float64) float64 {
	m := median(xs)
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
