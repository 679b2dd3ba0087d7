package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-als/als/benchmarks/internal/stats"
)

// Set holds benchmark measurements: for each benchmark name (without the
// "Benchmark" prefix and the -GOMAXPROCS suffix) and unit, every value
// measured, in the order the runs printed them.
type Set struct {
	names  []string
	values map[string]map[string][]float64
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{values: map[string]map[string][]float64{}} }

// Add records one value of name in unit.
func (s *Set) Add(name, unit string, v float64) {
	units, ok := s.values[name]
	if !ok {
		units = map[string][]float64{}
		s.values[name] = units
		s.names = append(s.names, name)
	}
	units[unit] = append(units[unit], v)
}

// Names lists the benchmarks in the order they were first seen.
func (s *Set) Names() []string { return s.names }

// Values returns every value of name in unit.
func (s *Set) Values(name, unit string) []float64 { return s.values[name][unit] }

// Units lists the units measured for name, ns/op first, then the others
// sorted.
func (s *Set) Units(name string) []string {
	var us []string
	for u := range s.values[name] {
		us = append(us, u)
	}
	sortUnits(us)
	return us
}

// Median returns the median of name's values in unit; false when there
// are none.
func (s *Set) Median(name, unit string) (float64, bool) {
	vs := s.Values(name, unit)
	if len(vs) == 0 {
		return 0, false
	}
	return stats.Median(vs), true
}

// Merge adds every value of o to s.
func (s *Set) Merge(o *Set) {
	for _, n := range o.names {
		for u, vs := range o.values[n] {
			for _, v := range vs {
				s.Add(n, u, v)
			}
		}
	}
}

// procsSuffix is the -GOMAXPROCS suffix go test appends to names when
// GOMAXPROCS is not 1.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// Parse reads Go benchmark output (go test -bench, or anything printing
// the same line format) and returns its measurements. Lines that are not
// result lines (headers, PASS, logs) are skipped; a result line that is
// malformed is an error, so that a broken run is not reported as data.
func Parse(r io.Reader) (*Set, error) {
	s := NewSet()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		name, pairs, ok, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if !ok {
			continue
		}
		for _, p := range pairs {
			s.Add(name, p.unit, p.value)
		}
	}
	return s, sc.Err()
}

type measurement struct {
	value float64
	unit  string
}

// parseLine splits "BenchmarkName-2  1000  12.5 ns/op  0 B/op" into the
// name "Name" and its value-unit pairs. ok is false for lines that are not
// benchmark results.
func parseLine(line string) (name string, pairs []measurement, ok bool, err error) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", nil, false, nil
	}
	if _, err := strconv.ParseUint(f[1], 10, 64); err != nil {
		// "BenchmarkX --- FAIL" and the like: not a result.
		return "", nil, false, nil
	}
	name = procsSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
	if name == "" {
		return "", nil, false, fmt.Errorf("benchmark with no name: %q", line)
	}
	rest := f[2:]
	if len(rest)%2 != 0 {
		return "", nil, false, fmt.Errorf("value without unit: %q", line)
	}
	for i := 0; i < len(rest); i += 2 {
		v, err := strconv.ParseFloat(rest[i], 64)
		if err != nil {
			return "", nil, false, fmt.Errorf("bad value %q: %q", rest[i], line)
		}
		pairs = append(pairs, measurement{value: v, unit: rest[i+1]})
	}
	return name, pairs, true, nil
}
