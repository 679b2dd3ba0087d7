package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func iv(lo, center, hi float64) Interval {
	return Interval{Center: center, Lo: lo, Hi: hi, N: 6, ok: true}
}

// A goal is met only when its whole interval is on the right side of the
// limit; an interval holding the limit straddles it, even when its median
// is on the right side.
func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		iv      Interval
		limit   float64
		atLeast bool
		want    Status
	}{
		{"at most, all below", iv(0.5, 0.6, 0.7), 0.7, false, Met},
		{"at most, median below, top above", iv(0.5, 0.6, 0.71), 0.7, false, Straddles},
		{"at most, median above, bottom below", iv(0.69, 0.75, 0.8), 0.7, false, Straddles},
		{"at most, all above", iv(0.71, 0.75, 0.8), 0.7, false, NotMet},
		{"zero allocs, every run 0", exact(0), 0, false, Met},
		{"zero allocs, one run allocated", iv(0, 0, 1), 0, false, Straddles},
		{"zero allocs, every run allocated", iv(1, 1, 1), 0, false, NotMet},
		{"at least, all above", iv(0.97, 1.0, 1.1), 0.97, true, Met},
		{"at least, median above, bottom below", iv(0.96, 1.0, 1.1), 0.97, true, Straddles},
		{"at least, all below", iv(0.90, 0.92, 0.96), 0.97, true, NotMet},
		{"too few runs", iv(math.Inf(-1), 0.5, math.Inf(1)), 0.7, false, Straddles},
		{"not measured", Interval{}, 0.7, false, NotMeasured},
		{"nan", iv(math.NaN(), 1, 2), 3, false, NotMeasured},
	} {
		assert.Equal(t, tc.want, judge(tc.iv, tc.limit, tc.atLeast), tc.name)
	}
}

func TestGoalConstructors(t *testing.T) {
	a, b := iv(9, 10, 11), iv(19, 20, 21)
	g := ratioAtMost("≤ 0.6× b", a, b, 0.6)
	assert.Equal(t, Met, g.Status) // [9/21, 11/19] = [0.43, 0.58]
	assert.Equal(t, "0.50× [0.43, 0.58]", g.MeasuredString())
	assert.Equal(t, Straddles, ratioAtMost("≤ 0.55× b", a, b, 0.55).Status)
	assert.Equal(t, NotMet, ratioAtLeast("≥ 0.6× b", a, b, 0.6).Status)
	assert.Equal(t, Met, ratioAtLeast("≥ 0.4× b", a, b, 0.4).Status)
	z := zeroAllocs("0 allocs/op", exact(0))
	assert.Equal(t, Met, z.Status)
	assert.Equal(t, "0 allocs/op [0, 0]", z.MeasuredString())
	assert.Equal(t, "—", ratioAtMost("x", a, Interval{}, 1).MeasuredString())
	assert.Equal(t, NotMeasured, ratioAtMost("x", a, Interval{}, 1).Status)
}

func TestStatusStrings(t *testing.T) {
	assert.Equal(t, "met", Met.String())
	assert.Equal(t, "**not met**", NotMet.String())
	assert.Equal(t, "**not met** (straddles)", Straddles.String())
	assert.Equal(t, "n/a", NotMeasured.String())
	assert.Equal(t, "Goals: 3 met, 3 not met (1 of them straddle their limit), 4 not measured.",
		SummaryLine(map[Status]int{Met: 3, NotMet: 2, Straddles: 1, NotMeasured: 4}))
}
