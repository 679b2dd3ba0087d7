package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/go-als/als/benchmarks
cpu: AMD EPYC
als-mode: default
BenchmarkGet/als-2       	 8193708	        15.34 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/ctx-depth3-2         	 6468291	        19.19 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/ctx-depth10-2        	 1411039	        87.93 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/als-2       	 8193708	        14.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/als-2       	 8193708	        16.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkLiveGoroutineHeap/als-2           	  142040	      7409 ns/op	       173.8 heapB/goroutine	      4093 stackB/goroutine	     232 B/op	       4 allocs/op
BenchmarkScale/n=1000000/als-2             	 9237345	        24.86 ns/op	       0 B/op	       0 allocs/op
BenchmarkSomething
    bench_test.go:12: a log line
PASS
ok  	github.com/go-als/als/benchmarks	24.290s
als-mode: compiled
BenchmarkGet/als-2       	 8193708	        7.5 ns/op	       0 B/op	       0 allocs/op
als-mode: node
BenchmarkNode/getStore	2000000	13.50 ns/op
`

func TestRead(t *testing.T) {
	s, err := Read(strings.NewReader(sampleOutput), "sample")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"Get/als", "Get/ctx-depth3", "Get/ctx-depth10",
		"LiveGoroutineHeap/als", "Scale/n=1000000/als", "Compiled/Get/als", "Node/getStore",
	}, s.Names())
	assert.Equal(t, []float64{15.34, 14, 16}, s.Values("Get/als", "ns/op"))
	assert.Equal(t, []float64{0, 0, 0}, s.Values("Get/als", "allocs/op"))
	assert.Equal(t, []float64{7.5}, s.Values("Compiled/Get/als", "ns/op"))
	assert.Equal(t, []float64{173.8}, s.Values("LiveGoroutineHeap/als", "heapB/goroutine"))
	assert.Equal(t, []string{"ns/op", "B/op", "allocs/op", "heapB/goroutine", "stackB/goroutine"}, s.Units("LiveGoroutineHeap/als"))
	assert.Equal(t, 15.34, s.Summary("Get/als", "ns/op").Center)
	assert.Equal(t, 13.5, s.Summary("Node/getStore", "ns/op").Center)
	assert.False(t, s.Summary("Get/als", "furlongs").ok)
	assert.False(t, s.Summary("Get/nope", "ns/op").ok)
}

func TestReadNames(t *testing.T) {
	for _, tc := range []struct{ line, name string }{
		{"BenchmarkX-8 10 3 ns/op", "X"},
		{"BenchmarkX 10 3 ns/op", "X"},
		{"BenchmarkA/ctx-depth10 10 3 ns/op", "A/ctx-depth10"},
		{"BenchmarkA/ctx-depth10-16 10 3 ns/op", "A/ctx-depth10"},
		{"BenchmarkScale/n=10/als-2 10 3 ns/op", "Scale/n=10/als"},
	} {
		s, err := Read(strings.NewReader(tc.line+"\n"), "x")
		require.NoError(t, err, tc.line)
		assert.Equal(t, []string{tc.name}, s.Names(), tc.line)
	}
}

// A result line that does not parse fails the report, with its position,
// instead of leaving a benchmark out of the table.
func TestReadRejectsMalformedResults(t *testing.T) {
	for _, line := range []string{
		"BenchmarkX-2 10 3 ns/op 4",
		"BenchmarkX-2 10 fast ns/op",
		"BenchmarkX-2 --- FAIL: oops",
	} {
		_, err := Read(strings.NewReader("goos: linux\n"+line+"\n"), "out.txt")
		require.ErrorContains(t, err, "out.txt:2", line)
	}
}

func TestMerge(t *testing.T) {
	a, b := NewSamples(), NewSamples()
	a.Add("X", "ns/op", 1)
	b.Add("X", "ns/op", 3)
	b.Add("Y", "ns/op", 2)
	a.Merge(b)
	assert.Equal(t, []string{"X", "Y"}, a.Names())
	assert.Equal(t, []float64{1, 3}, a.Values("X", "ns/op"))
}
