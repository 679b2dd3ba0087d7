package e2e

import (
	"errors"
	"fmt"

	"slices"

	"golang.org/x/perf/benchmath"
)

// Comparison is the outcome of Compare: requests per second of each
// version in every round, and their medians.
type Comparison struct {
	ALS, Ctx             []float64 // requests/s per round
	MedianALS, MedianCtx float64
}

// Ratio is the als server's median throughput over the ctx server's.
func (c Comparison) Ratio() float64 {
	if c.MedianCtx == 0 {
		return 0
	}
	return c.MedianALS / c.MedianCtx
}

// Compare starts both versions, warms each up, then drives them in turn
// for rounds rounds with load l, alternating which goes first so that
// drift in the machine's speed falls on both alike. Every request must
// succeed and log exactly one line, or Compare fails.
func Compare(l Load, rounds int) (Comparison, error) {
	if rounds <= 0 {
		return Comparison{}, errors.New("e2e: rounds must be positive")
	}
	type side struct {
		mode  Mode
		srv   *Server
		lines *LineCounter
		rps   []float64
	}
	sides := []*side{{mode: ModeALS}, {mode: ModeCtx}}
	for _, s := range sides {
		s.lines = &LineCounter{}
		srv, err := Start(s.mode, s.lines)
		if err != nil {
			return Comparison{}, err
		}
		defer srv.Close()
		s.srv = srv
	}
	run := func(s *side, load Load) (Result, error) {
		before := s.lines.Lines()
		res, err := Drive(s.srv.URL, load)
		if err != nil {
			return res, err
		}
		if res.Failed > 0 {
			return res, fmt.Errorf("e2e: %s server: %d of %d requests failed, first: %w",
				s.mode, res.Failed, res.Failed+res.Completed, res.FirstErr)
		}
		if logged := s.lines.Lines() - before; logged != int64(res.Completed) {
			return res, fmt.Errorf("e2e: %s server logged %d lines for %d requests", s.mode, logged, res.Completed)
		}
		return res, nil
	}
	warm := l
	warm.Requests = max(1, l.Requests/10)
	for _, s := range sides {
		if _, err := run(s, warm); err != nil {
			return Comparison{}, err
		}
	}
	for r := range rounds {
		order := sides
		if r%2 == 1 {
			order = []*side{sides[1], sides[0]}
		}
		for _, s := range order {
			res, err := run(s, l)
			if err != nil {
				return Comparison{}, err
			}
			s.rps = append(s.rps, res.RPS())
		}
	}
	c := Comparison{ALS: sides[0].rps, Ctx: sides[1].rps}
	c.MedianALS, c.MedianCtx = median(c.ALS), median(c.Ctx)
	return c, nil
}

// median is benchstat's center of xs: benchmath's median.
func median(xs []float64) float64 {
	s := benchmath.NewSample(slices.Clone(xs), &benchmath.DefaultThresholds) // NewSample sorts in place
	return benchmath.AssumeNothing.Summary(s, 0.95).Center
}
