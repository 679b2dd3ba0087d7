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
	set := fullSet()
	e2e := &e2eResult{ALS: 9800, Ctx: 10000, Rounds: 2}
	rows := Rows(data{set: set, e2e: e2e})
	env := Env{
		Machine: "AMD EPYC 7B13, 2 CPUs", Load: "0.50 0.40 0.30", Go: "go version go1.26.8 linux/amd64", Node: "v20.20.2",
		Date: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), Command: "make bench", Method: "median of 6 runs",
	}
	var b strings.Builder
	require.NoError(t, WriteResults(&b, env, rows, set, e2e, [2][]float64{{9700, 9900}, {10100, 9900}}, "get-scale.svg"))
	doc := b.String()
	for _, want := range []string{
		"# Benchmark results", "2026-11-25 09:30 UTC", "AMD EPYC 7B13", "(1, 5, 15 min): 0.50 0.40 0.30", "go1.26.8", "v20.20.2", "`make bench`",
		"| Get | 5.00 | 2.50 | 0 | context.Value depth 3 |", "Goals: 8 met, 4 not met, 0 not measured.",
		"![Get cost vs live goroutines holding a store](get-scale.svg)",
		"| LiveGoroutineHeap/als | — | 0% | — | 3.00 | 170 heapB/goroutine | 0 |",
		"| Get/als | 5.00 | 0% | — | 0 | ",
		"| 2 | 9,900 | 9,900 |", "| median | 9,800 | 10,000 |",
	} {
		assert.Contains(t, doc, want)
	}
	b.Reset()
	require.NoError(t, WriteResults(&b, env, rows, set, nil, [2][]float64{}, "x.svg"))
	assert.NotContains(t, b.String(), "## End to end")
}

func TestMethod(t *testing.T) {
	c := config{count: 5, rounds: 2, benchtime: "500ms", nodeIters: 1000, e2eRounds: 3, e2eRequests: 100, e2eClients: 4}
	assert.Equal(t, "median of 10 runs of each go test benchmark (2 go test run(s) of -count 5 -benchtime 500ms -benchmem); "+
		"of 5 Node runs of 1000 ops; of 3 end-to-end rounds per server of 100 requests from 4 keep-alive clients", method(c, true, true))
	assert.NotContains(t, method(c, false, false), "Node")
	c.from = "old.txt"
	assert.Contains(t, method(c, false, false), "old.txt")
}
