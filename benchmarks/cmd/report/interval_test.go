package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// With 6 runs benchmath's 95% interval of the median is the whole range
// of the runs; with 10 it leaves out the fastest and the slowest; with 5
// only a one-sided one reaches 95%: from −∞ to the slowest run.
func TestSummarize(t *testing.T) {
	six := []float64{13, 10, 12, 11, 15, 14}
	iv := Summarize(six)
	assert.Equal(t, Interval{Center: 12.5, Lo: 10, Hi: 15, N: 6, ok: true}, iv)
	assert.Equal(t, []float64{13, 10, 12, 11, 15, 14}, six, "Summarize must not reorder its input")

	iv = Summarize([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	assert.Equal(t, 5.5, iv.Center)
	assert.Equal(t, 2.0, iv.Lo)
	assert.Equal(t, 9.0, iv.Hi)

	iv = Summarize([]float64{1, 2, 3, 4, 5})
	assert.Equal(t, 3.0, iv.Center)
	assert.True(t, math.IsInf(iv.Lo, -1))
	assert.Equal(t, 5.0, iv.Hi)
	assert.Equal(t, "3.00 ±∞", iv.String())

	assert.False(t, Summarize(nil).ok)
	assert.Equal(t, "—", Summarize(nil).String())
}

func TestOver(t *testing.T) {
	a := Interval{Center: 10, Lo: 9, Hi: 12, N: 6, ok: true}
	b := Interval{Center: 5, Lo: 4, Hi: 6, N: 8, ok: true}
	assert.Equal(t, Interval{Center: 2, Lo: 1.5, Hi: 3, N: 6, ok: true}, a.Over(b))

	zero := Interval{Center: 1, Lo: 0, Hi: 2, N: 6, ok: true}
	assert.True(t, math.IsInf(a.Over(zero).Hi, 1), "a denominator interval reaching 0 leaves the ratio unbounded")
	inf := Interval{Center: 1, Lo: math.Inf(-1), Hi: math.Inf(1), N: 5, ok: true}
	r := a.Over(inf)
	assert.True(t, math.IsInf(r.Lo, -1))
	assert.True(t, math.IsInf(r.Hi, 1))

	assert.False(t, a.Over(Interval{}).ok)
	assert.False(t, Interval{}.Over(b).ok)
}

func TestMinus(t *testing.T) {
	a := Interval{Center: 170, Lo: 160, Hi: 175, N: 6, ok: true}
	b := Interval{Center: 112, Lo: 110, Hi: 120, N: 6, ok: true}
	assert.Equal(t, Interval{Center: 58, Lo: 40, Hi: 65, N: 6, ok: true}, a.Minus(b))
	assert.False(t, a.Minus(Interval{}).ok)
}

func TestIntervalStrings(t *testing.T) {
	iv := Interval{Center: 10, Lo: 9.5, Hi: 10.3, N: 6, ok: true}
	assert.Equal(t, "10.0 ±5%", iv.String())
	assert.Equal(t, "[9.50, 10.3]", iv.Range(formatNumber))
	assert.Equal(t, "0", exact(0).String())
	assert.Equal(t, "0 ±?", Interval{Center: 0, Lo: 0, Hi: 1, ok: true}.String())
	assert.Equal(t, "[−∞, ∞]", Interval{Lo: math.Inf(-1), Hi: math.Inf(1), ok: true}.Range(formatNumber))
}
