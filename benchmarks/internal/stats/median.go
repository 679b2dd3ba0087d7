// Package stats holds the summary statistics the report and the
// end-to-end comparison share.
package stats

import "slices"

// Median is the middle value of xs (the mean of the two middle ones for
// an even count), as benchstat reports; 0 for no values.
func Median(xs []float64) float64 {
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
