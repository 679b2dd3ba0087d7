package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// Samples holds benchmark measurements: for each benchmark name (without
// the "Benchmark" prefix and the -GOMAXPROCS suffix) and unit, every
// value measured, in the order the runs printed them.
type Samples struct {
	names  []string
	values map[string]map[string][]float64
}

// NewSamples returns an empty Samples.
func NewSamples() *Samples { return &Samples{values: map[string]map[string][]float64{}} }

// Add records one value of name in unit.
func (s *Samples) Add(name, unit string, v float64) {
	units, ok := s.values[name]
	if !ok {
		units = map[string][]float64{}
		s.values[name] = units
		s.names = append(s.names, name)
	}
	units[unit] = append(units[unit], v)
}

// Names lists the benchmarks in the order they were first seen.
func (s *Samples) Names() []string { return s.names }

// Values returns every value of name in unit.
func (s *Samples) Values(name, unit string) []float64 { return s.values[name][unit] }

// Units lists the units measured for name: ns/op first, then the others
// sorted.
func (s *Samples) Units(name string) []string {
	var us []string
	for u := range s.values[name] {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b string) int {
		if (a == "ns/op") != (b == "ns/op") {
			if a == "ns/op" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return us
}

// Summary is the median of name's values in unit with its confidence
// interval; not measured when there are none.
func (s *Samples) Summary(name, unit string) Interval {
	return Summarize(s.Values(name, unit))
}

// Merge adds every value of o to s.
func (s *Samples) Merge(o *Samples) {
	for _, n := range o.names {
		for u, vs := range o.values[n] {
			for _, v := range vs {
				s.Add(n, u, v)
			}
		}
	}
}

// modeKey is the file configuration key that says which build a result
// came from. The report writes "als-mode: compiled" before the output of
// the binary cmd/alsbuild compiled, so that the raw file keeps the two
// modes apart (for -from, and for benchstat -col als-mode).
const modeKey = "als-mode"

// compiledMode is modeKey's value for the compiled-mode build; its
// results are named with compiledPrefix.
const compiledMode = "compiled"

// compiledPrefix names the benchmarks of the compiled-mode run, so that
// Get/als of that run is Compiled/Get/als beside the default run's.
const compiledPrefix = "Compiled/"

// Read reads Go benchmark output (go test -bench, or anything printing
// the same format, as node/alsbench.js does) with benchfmt and returns
// its measurements, in the units the benchmarks printed. A malformed
// result line is an error, so that a broken run is not reported as data.
func Read(r io.Reader, fileName string) (*Samples, error) {
	s := NewSamples()
	br := benchfmt.NewReader(r, fileName)
	for br.Scan() {
		switch rec := br.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, rec
		case *benchfmt.Result:
			name := benchName(rec)
			for _, v := range rec.Values {
				// benchfmt tidies ns/op into sec/op; the table speaks
				// the units go test printed.
				unit, val := v.Unit, v.Value
				if v.OrigUnit != "" {
					unit, val = v.OrigUnit, v.OrigValue
				}
				s.Add(name, unit, val)
			}
		}
	}
	if err := br.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// benchName is rec's name without the -GOMAXPROCS suffix, with
// compiledPrefix for a compiled-mode result.
func benchName(rec *benchfmt.Result) string {
	base, parts := rec.Name.Parts()
	var b strings.Builder
	if rec.GetConfig(modeKey) == compiledMode {
		b.WriteString(compiledPrefix)
	}
	b.Write(base)
	for _, p := range parts {
		if p[0] == '-' { // GOMAXPROCS, always the last part
			break
		}
		b.Write(p)
	}
	return b.String()
}

// modeHeader is the configuration line that marks the output after it as
// coming from the given mode.
func modeHeader(mode string) []byte { return fmt.Appendf(nil, "%s: %s\n", modeKey, mode) }
