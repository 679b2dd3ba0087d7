package main

import (
	"math"
	"strconv"
	"strings"
)

// Status is a goal's verdict.
type Status int

const (
	// NotMeasured: a number the goal needs is missing from the run.
	NotMeasured Status = iota
	// Met: the whole confidence interval is on the goal's side.
	Met
	// NotMet: the whole confidence interval misses the goal.
	NotMet
	// Straddles: the interval holds the goal's limit, so the run cannot
	// tell; on a noisy machine that is not met either.
	Straddles
)

func (s Status) String() string {
	switch s {
	case Met:
		return "met"
	case NotMet:
		return "**not met**"
	case Straddles:
		return "**not met** (straddles)"
	}
	return "n/a"
}

// Goal is one of the issues' targets and how this run did against it.
type Goal struct {
	Text     string   // the target, e.g. "≤ 0.7× routine ITL.Get"
	Measured Interval // what this run measured
	Unit     string   // how Measured reads: "×" for a ratio, else a unit such as "allocs/op"
	Status   Status
}

// MeasuredString is the measurement with its interval: "0.46× [0.44, 0.49]"
// or "0 allocs/op [0, 0]"; "—" when not measured.
func (g Goal) MeasuredString() string {
	if !g.Measured.ok {
		return "—"
	}
	if g.Unit == "×" {
		return formatRatio(g.Measured.Center) + " " + g.Measured.Range(func(v float64) string {
			return strconv.FormatFloat(v, 'f', 2, 64)
		})
	}
	return strings.TrimSpace(formatNumber(g.Measured.Center)+" "+g.Unit) + " " + g.Measured.Range(formatNumber)
}

// judge says where iv lies against limit: met only when the whole
// interval is at most limit (or, with atLeast, at least limit).
func judge(iv Interval, limit float64, atLeast bool) Status {
	switch {
	case !iv.ok || math.IsNaN(iv.Lo) || math.IsNaN(iv.Hi):
		return NotMeasured
	case atLeast && iv.Lo >= limit, !atLeast && iv.Hi <= limit:
		return Met
	case atLeast && iv.Hi < limit, !atLeast && iv.Lo > limit:
		return NotMet
	}
	return Straddles
}

// atMost is the goal that iv stays at or below limit.
func atMost(text string, iv Interval, unit string, limit float64) Goal {
	return Goal{Text: text, Measured: iv, Unit: unit, Status: judge(iv, limit, false)}
}

// ratioAtMost is the goal num/den ≤ limit, judged on the ratio's
// conservative interval (see [Interval.Over]).
func ratioAtMost(text string, num, den Interval, limit float64) Goal {
	return atMost(text, num.Over(den), "×", limit)
}

// ratioAtLeast is the goal num/den ≥ limit.
func ratioAtLeast(text string, num, den Interval, limit float64) Goal {
	iv := num.Over(den)
	return Goal{Text: text, Measured: iv, Unit: "×", Status: judge(iv, limit, true)}
}

// zeroAllocs is the goal that every run of bench allocated nothing.
func zeroAllocs(text string, allocs Interval) Goal {
	return atMost(text, allocs, "allocs/op", 0)
}

func formatRatio(r float64) string { return strconv.FormatFloat(r, 'f', 2, 64) + "×" }

// GoalSummary counts the goals by status.
func GoalSummary(rows []Row) map[Status]int {
	n := map[Status]int{}
	for _, r := range rows {
		for _, g := range r.Goals {
			n[g.Status]++
		}
	}
	return n
}
