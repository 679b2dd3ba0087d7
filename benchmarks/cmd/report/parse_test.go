package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/go-als/als/benchmarks
cpu: AMD EPYC
BenchmarkGet/als-2       	 8193708	        15.34 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/ctx-depth3-2         	 6468291	        19.19 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/ctx-depth10-2        	 1411039	        87.93 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/als-2       	 8193708	        14.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/als-2       	 8193708	        16.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkLiveGoroutineHeap/als-2           	  142040	      7409 ns/op	       173.8 heapB/goroutine	      4093 stackB/goroutine	     232 B/op	       4 allocs/op
BenchmarkScale/n=1000000/als-2             	 9237345	        24.86 ns/op	       0 B/op	       0 allocs/op
--- BENCH: BenchmarkSomething-2
    bench_test.go:12: a log line
BenchmarkBroken-2 --- FAIL
PASS
ok  	github.com/go-als/als/benchmarks	24.290s
BenchmarkNode/getStore	2000000	13.50 ns/op
`

func TestParse(t *testing.T) {
	s, err := Parse(strings.NewReader(sampleOutput))
	require.NoError(t, err)
	assert.Equal(t, []string{
		"Get/als", "Get/ctx-depth3", "Get/ctx-depth10",
		"LiveGoroutineHeap/als", "Scale/n=1000000/als", "Node/getStore",
	}, s.Names())
	assert.Equal(t, []float64{15.34, 14, 16}, s.Values("Get/als", "ns/op"))
	m, ok := s.Median("Get/als", "ns/op")
	require.True(t, ok)
	assert.Equal(t, 15.34, m)
	m, ok = s.Median("LiveGoroutineHeap/als", "heapB/goroutine")
	require.True(t, ok)
	assert.Equal(t, 173.8, m)
	assert.Equal(t, []string{"ns/op", "B/op", "allocs/op", "heapB/goroutine", "stackB/goroutine"}, s.Units("LiveGoroutineHeap/als"))
	_, ok = s.Median("Get/als", "furlongs")
	assert.False(t, ok)
	_, ok = s.Median("Get/nope", "ns/op")
	assert.False(t, ok)
	m, _ = s.Median("Node/getStore", "ns/op")
	assert.Equal(t, 13.5, m)
}

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		line    string
		name    string
		pairs   []measurement
		ok, bad bool
	}{
		{line: "BenchmarkX-8 10 3 ns/op", name: "X", pairs: []measurement{{3, "ns/op"}}, ok: true},
		{line: "BenchmarkX 10 3 ns/op", name: "X", pairs: []measurement{{3, "ns/op"}}, ok: true},
		{line: "BenchmarkA/ctx-depth10 10 3 ns/op", name: "A/ctx-depth10", pairs: []measurement{{3, "ns/op"}}, ok: true},
		{line: "BenchmarkA/ctx-depth10-16 10 3 ns/op", name: "A/ctx-depth10", pairs: []measurement{{3, "ns/op"}}, ok: true},
		{line: "PASS"},
		{line: "ok  	pkg	1.0s"},
		{line: "BenchmarkX-2 --- FAIL: oops"},
		{line: "BenchmarkX-2 10 3 ns/op 4", bad: true},
		{line: "BenchmarkX-2 10 fast ns/op", bad: true},
		{line: "Benchmark-2 10 3 ns/op", bad: true},
	} {
		name, pairs, ok, err := parseLine(tc.line)
		if tc.bad {
			assert.Error(t, err, tc.line)
			continue
		}
		require.NoError(t, err, tc.line)
		assert.Equal(t, tc.ok, ok, tc.line)
		assert.Equal(t, tc.name, name, tc.line)
		assert.Equal(t, tc.pairs, pairs, tc.line)
	}
	_, err := Parse(strings.NewReader("BenchmarkX-2 10 3 ns/op 4\n"))
	require.ErrorContains(t, err, "line 1")
}

func TestMerge(t *testing.T) {
	a, b := NewSet(), NewSet()
	a.Add("X", "ns/op", 1)
	b.Add("X", "ns/op", 3)
	b.Add("Y", "ns/op", 2)
	a.Merge(b)
	assert.Equal(t, []string{"X", "Y"}, a.Names())
	assert.Equal(t, []float64{1, 3}, a.Values("X", "ns/op"))
}

func TestCompiledNames(t *testing.T) {
	out := "goos: linux\nBenchmarkGet/als-2   \t100\t 7.5 ns/op\nBenchmarkGo/plain-2 \t10\t 700 ns/op\nPASS\n"
	s, err := Parse(bytes.NewReader(compiledNames([]byte(out))))
	require.NoError(t, err)
	assert.Equal(t, []string{"Compiled/Get/als", "Compiled/Go/plain"}, s.Names())
}
