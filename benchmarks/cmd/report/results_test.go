package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cpuinfo = `processor	: 0
vendor_id	: AuthenticAMD
model name	: AMD EPYC 7B13
flags		: fpu vme

processor	: 1
model name	: AMD EPYC 7B13
`

func TestCPUInfo(t *testing.T) {
	got := cpuInfo(strings.NewReader(cpuinfo), strings.NewReader("MemTotal:       24542000 kB\nMemFree: 1 kB\n"))
	assert.Equal(t, "AMD EPYC 7B13, 2 CPUs, 23.4 GiB RAM", got)
	assert.Equal(t, "AMD EPYC 7B13, 2 CPUs", cpuInfo(strings.NewReader(cpuinfo), nil))
	assert.Equal(t, "unknown CPU, 0 CPUs", cpuInfo(strings.NewReader(""), strings.NewReader("")))
}

func TestWriteResults(t *testing.T) {
	samples := fullSamples(6)
	e2e := fullE2E()
	rows := Rows(data{samples: samples, e2e: e2e})
	env := Env{
		Machine: "AMD EPYC 7B13, 2 CPUs", Load: "0.50 0.40 0.30", Go: "go version go1.26.8 linux/amd64", Node: "v20.20.2",
		Date: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), Command: "make bench", Method: "6 runs",
		Duration: 12 * time.Minute,
	}
	var b strings.Builder
	require.NoError(t, WriteResults(&b, env, rows, samples, e2e, "get-scale.svg"))
	doc := b.String()
	for _, want := range []string{
		"# Benchmark results", "2026-11-25 09:30 UTC", "AMD EPYC 7B13", "(1, 5, 15 min): 0.50 0.40 0.30", "go1.26.8", "v20.20.2", "`make bench`",
		"- Duration: 12m0s",
		"[a.lo / b.hi, a.hi / b.lo]",
		"| Get | 5.00 ±2% | 2.50 ±2% | 0 | context.Value depth 3 |",
		"Goals: 12 met, 9 not met (2 of them straddle their limit), 0 not measured.",
		"![Get cost vs live goroutines holding a store](get-scale.svg)",
		"| LiveGoroutineHeap/als | — | — | — | 3.00 | 170 ±2% heapB/goroutine | 0 |",
		"| Get/als | 5.00 ±2% | [4.90, 5.10] | — | 0 |  | 6 |",
		"| Compiled/Get/goid | 2.50 ±2% | [2.45, 2.55] |",
		"| 2 | 9,850 | 9,950 |", "| median | 9,850 | 10,000 |", "| 95% interval | [9,800, 9,900] | [9,950, 10,050] |",
	} {
		assert.Contains(t, doc, want)
	}
	b.Reset()
	require.NoError(t, WriteResults(&b, env, rows, samples, nil, ""))
	assert.NotContains(t, b.String(), "## End to end")
	assert.NotContains(t, b.String(), "![")
}

func TestMethod(t *testing.T) {
	c := config{count: 6, rounds: 2, benchtime: "500ms", nodeIters: 1000, e2eRounds: 3, e2eRequests: 100, e2eClients: 4, compiled: true}
	assert.Equal(t, "12 runs of each go test benchmark (2 go test run(s) of -count 6 -benchtime 500ms -benchmem); "+
		"6 runs of the compiled-mode benchmarks ("+compiledPattern+", in a test binary built with -toolexec=alsbuild, right after); "+
		"6 Node runs of 1000 ops; 3 end-to-end rounds per server of 100 requests from 4 keep-alive clients", method(c, true, true))
	assert.NotContains(t, method(c, false, false), "Node")
	c.from = "old.txt"
	assert.Contains(t, method(c, false, false), "old.txt")
	assert.NotContains(t, method(c, false, false), "compiled-mode")
}
