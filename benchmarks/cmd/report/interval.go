package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"golang.org/x/perf/benchmath"
)

// confidence is the level of every interval in the report, benchstat's
// default.
const confidence = 0.95

// Interval is a median with its confidence interval, or nothing when the
// run did not measure it.
type Interval struct {
	Center, Lo, Hi float64
	N              int // runs behind it
	ok             bool
}

// Summarize is the median of xs and its 95% confidence interval as
// benchstat computes them (benchmath.AssumeNothing: the interval between
// two order statistics of the runs, which assumes nothing about their
// distribution). With fewer than 6 runs no interval reaches 95%, and the
// bounds are infinite.
func Summarize(xs []float64) Interval {
	if len(xs) == 0 {
		return Interval{}
	}
	// NewSample sorts in place; the caller's slice keeps its order.
	sample := benchmath.NewSample(slices.Clone(xs), &benchmath.DefaultThresholds)
	s := benchmath.AssumeNothing.Summary(sample, confidence)
	return Interval{Center: s.Center, Lo: s.Lo, Hi: s.Hi, N: len(xs), ok: true}
}

// exact is a number known without error, such as a goal's limit.
func exact(v float64) Interval { return Interval{Center: v, Lo: v, Hi: v, N: 1, ok: true} }

// Over is a/b with the conservative interval of a ratio of positive
// quantities: from a's low end over b's high end to a's high end over
// b's low end, the worse ends of both intervals at once. If a and b each
// lie in their interval, a/b lies in this one. A b interval reaching 0 or
// below leaves the ratio unbounded above.
func (a Interval) Over(b Interval) Interval {
	if !a.ok || !b.ok || b.Center == 0 {
		return Interval{}
	}
	r := Interval{Center: a.Center / b.Center, Lo: a.Lo / b.Hi, Hi: a.Hi / b.Lo, N: min(a.N, b.N), ok: true}
	if b.Lo <= 0 {
		r.Hi = math.Inf(1)
	}
	if math.IsInf(b.Hi, 1) || b.Hi <= 0 {
		r.Lo = math.Inf(-1)
	}
	return r
}

// Minus is a−b, with the interval from a's low end minus b's high end to
// a's high end minus b's low end.
func (a Interval) Minus(b Interval) Interval {
	if !a.ok || !b.ok {
		return Interval{}
	}
	return Interval{Center: a.Center - b.Center, Lo: a.Lo - b.Hi, Hi: a.Hi - b.Lo, N: min(a.N, b.N), ok: true}
}

// Pct is benchstat's "± x%": the larger distance of the interval's ends
// from the median, relative to it. "" for an exact number.
func (a Interval) Pct() string {
	switch {
	case a.Lo == a.Hi:
		return ""
	case math.IsInf(a.Lo, 0) || math.IsInf(a.Hi, 0):
		return "±∞"
	case a.Center == 0:
		return "±?"
	}
	return fmt.Sprintf("±%.0f%%", 100*math.Max(a.Hi/a.Center-1, 1-a.Lo/a.Center))
}

// String is the median and its ± for a table cell: "5.75 ±3%"; "—" when
// not measured.
func (a Interval) String() string {
	if !a.ok {
		return "—"
	}
	return strings.TrimSpace(formatNumber(a.Center) + " " + a.Pct())
}

// Range writes the interval as "[lo, hi]", with format for each end.
func (a Interval) Range(format func(float64) string) string {
	end := func(v float64) string {
		switch {
		case math.IsInf(v, 1):
			return "∞"
		case math.IsInf(v, -1):
			return "−∞"
		}
		return format(v)
	}
	return "[" + end(a.Lo) + ", " + end(a.Hi) + "]"
}
