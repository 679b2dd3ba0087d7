package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/go-als/als/benchmarks/e2e"
)

type config struct {
	count        int
	rounds       int
	benchtime    string
	bench        string
	timeout      time.Duration
	from         string
	raw          string
	node         string
	nodeIters    int
	e2eRequests  int
	e2eClients   int
	e2eRounds    int
	e2eMax       time.Duration
	skipE2E      bool
	compiled     bool
	out, svgName string
}

func main() {
	var c config
	flag.IntVar(&c.count, "count", 5, "runs of every benchmark; the table shows medians")
	flag.IntVar(&c.rounds, "rounds", 1, "run the whole go test suite this many times (each with -count) and pool the runs; more than 1 spreads a busy machine's drift over every library alike")
	flag.StringVar(&c.benchtime, "benchtime", "500ms", "go test -benchtime for each run")
	flag.StringVar(&c.bench, "bench", ".", "go test -bench pattern")
	flag.DurationVar(&c.timeout, "timeout", 20*time.Minute, "go test -timeout")
	flag.StringVar(&c.from, "from", "", "read go test -bench output from this file instead of running go test")
	flag.StringVar(&c.raw, "raw", "", "also save the raw go test and node output to this file")
	flag.StringVar(&c.node, "node", "node", "the node binary for the Node.js anchor; empty to skip it")
	flag.IntVar(&c.nodeIters, "node-iterations", 2_000_000, "operations per Node run")
	flag.IntVar(&c.e2eRequests, "e2e-requests", 20_000, "requests per end-to-end round")
	flag.IntVar(&c.e2eClients, "e2e-clients", 8, "concurrent keep-alive clients in the end-to-end test")
	flag.IntVar(&c.e2eRounds, "e2e-rounds", 7, "end-to-end rounds per server")
	flag.DurationVar(&c.e2eMax, "e2e-max", 20*time.Second, "time cap of one end-to-end round")
	flag.BoolVar(&c.skipE2E, "skip-e2e", false, "leave the end-to-end test out")
	flag.BoolVar(&c.compiled, "compiled", true, "also run Get, RunNested and Go in a build made by cmd/alsbuild (compiled mode)")
	flag.StringVar(&c.out, "out", "RESULTS.md", "where to write the results")
	flag.StringVar(&c.svgName, "svg", "get-scale.svg", "where to write the picture (beside -out)")
	flag.Parse()
	if err := run(c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(c config, stdout, stderr io.Writer) error {
	if c.count <= 0 || c.rounds <= 0 {
		return errors.New("-count and -rounds must be positive")
	}
	if err := checkDir(); err != nil {
		return err
	}
	start := time.Now()
	load := loadAverage()
	var raw bytes.Buffer

	// 1. The go test benchmarks, in one run so that they share conditions.
	set := NewSet()
	var benchOut []byte
	var err error
	if c.from != "" {
		benchOut, err = os.ReadFile(c.from)
	} else {
		for r := range c.rounds {
			if c.rounds > 1 {
				fmt.Fprintf(stderr, "report: round %d of %d\n", r+1, c.rounds)
			}
			var out []byte
			if out, err = goBench(c, stderr); err != nil {
				break
			}
			benchOut = append(benchOut, out...)
		}
	}
	if err != nil {
		return err
	}
	raw.Write(benchOut)
	s, err := Parse(bytes.NewReader(benchOut))
	if err != nil {
		return fmt.Errorf("reading benchmark output: %w", err)
	}
	set.Merge(s)

	// 1b. The same core operations in compiled mode, right after.
	if c.compiled && c.from == "" {
		out, err := compiledBench(c, stderr)
		if err != nil {
			return err
		}
		raw.Write(out)
		s, err := Parse(bytes.NewReader(compiledNames(out)))
		if err != nil {
			return fmt.Errorf("reading compiled-mode output: %w", err)
		}
		set.Merge(s)
	}

	// 2. Node's AsyncLocalStorage on the same machine.
	nodeVersion, nodeRan := "not run", false
	if c.node != "" {
		out, version, err := nodeBench(c, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "report: Node anchor left out: %v\n", err)
			nodeVersion = "not available (" + err.Error() + ")"
		} else {
			raw.Write(out)
			s, err := Parse(bytes.NewReader(out))
			if err != nil {
				return fmt.Errorf("reading node output: %w", err)
			}
			set.Merge(s)
			nodeVersion = version
			nodeRan = true
		}
	}

	// 3. The end-to-end HTTP comparison.
	var e2eRes *e2eResult
	var rounds [2][]float64
	if !c.skipE2E {
		fmt.Fprintf(stderr, "report: end to end: %d rounds of %d requests, %d clients, each server in turn\n",
			c.e2eRounds, c.e2eRequests, c.e2eClients)
		cmp, err := e2e.Compare(e2e.Load{Requests: c.e2eRequests, Clients: c.e2eClients, MaxDuration: c.e2eMax}, c.e2eRounds)
		if err != nil {
			return err
		}
		e2eRes = &e2eResult{ALS: cmp.MedianALS, Ctx: cmp.MedianCtx, Rounds: c.e2eRounds}
		rounds = [2][]float64{cmp.ALS, cmp.Ctx}
	}

	rows := Rows(data{set: set, e2e: e2eRes})
	table := Markdown(rows)
	met, notMet, na := GoalSummary(rows)
	fmt.Fprintf(stdout, "\n%s\nGoals: %d met, %d not met, %d not measured. (%s)\n", table, met, notMet, na,
		time.Since(start).Round(time.Second))

	svg, err := ScaleChart(set).SVG()
	switch {
	case errors.Is(err, ErrNoData):
		fmt.Fprintln(stderr, "report: no Scale benchmarks in this run; no picture")
	case err != nil:
		return err
	default:
		if err := os.WriteFile(filepath.Join(filepath.Dir(c.out), c.svgName), svg, 0o644); err != nil {
			return err
		}
	}
	env := Env{
		Machine: machine(),
		Load:    load,
		Go:      goVersion(),
		Node:    nodeVersion,
		Date:    time.Now(),
		Command: strings.TrimSpace("make bench  # = cd benchmarks && go run ./cmd/report " + strings.Join(os.Args[1:], " ")),
		Method:  method(c, nodeRan, e2eRes != nil),
	}
	var md bytes.Buffer
	if err := WriteResults(&md, env, rows, set, e2eRes, rounds, c.svgName); err != nil {
		return err
	}
	if err := os.WriteFile(c.out, md.Bytes(), 0o644); err != nil {
		return err
	}
	if c.raw != "" {
		if err := os.WriteFile(c.raw, raw.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "report: wrote %s and %s\n", c.out, c.svgName)
	return nil
}

// method says how the numbers were taken, for RESULTS.md.
func method(c config, nodeRan, e2eRan bool) string {
	parts := []string{fmt.Sprintf("median of %d runs of each go test benchmark (%d go test run(s) of -count %d -benchtime %s -benchmem)",
		c.count*c.rounds, c.rounds, c.count, c.benchtime)}
	if c.from != "" {
		parts[0] = "medians of the go test output in " + c.from
	}
	if nodeRan {
		parts = append(parts, fmt.Sprintf("of %d Node runs of %d ops", c.count, c.nodeIters))
	}
	if e2eRan {
		parts = append(parts, fmt.Sprintf("of %d end-to-end rounds per server of %d requests from %d keep-alive clients",
			c.e2eRounds, c.e2eRequests, c.e2eClients))
	}
	return strings.Join(parts, "; ")
}

// checkDir makes sure the working directory is the benchmarks module,
// where go test, the node script and the output files live.
func checkDir() error {
	mod, err := os.ReadFile("go.mod")
	if err != nil || !bytes.Contains(mod, []byte("module github.com/go-als/als/benchmarks\n")) {
		return errors.New("run me from the benchmarks directory (make bench does)")
	}
	return nil
}

// goBench runs the go test benchmarks, echoing their output to stderr as
// it comes so a long run shows progress, and returns that output.
// compiledBench builds cmd/alsbuild from the als module and runs the core
// benchmarks in a binary it compiled, where the runtime carries contexts.
func compiledBench(c config, stderr io.Writer) ([]byte, error) {
	dir, err := os.MkdirTemp("", "alsbuild")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	tool := filepath.Join(dir, "alsbuild")
	build := exec.Command("go", "build", "-C", "..", "-o", tool, "./cmd/alsbuild")
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building alsbuild: %w", err)
	}
	cc := c
	cc.bench = "^Benchmark(Get|RunNested|Go)$"
	return goBench(cc, stderr, "-toolexec", tool)
}

// compiledNames renames the benchmarks of a compiled-mode run, so that
// BenchmarkGet/als becomes Compiled/Get/als beside the default run's.
func compiledNames(out []byte) []byte {
	return compiledLine.ReplaceAll(out, []byte("${1}BenchmarkCompiled/"))
}

var compiledLine = regexp.MustCompile(`(?m)^(\s*)Benchmark`)

func goBench(c config, stderr io.Writer, extra ...string) ([]byte, error) {
	args := []string{"test", "-run", "^$", "-bench", c.bench, "-benchmem",
		"-count", strconv.Itoa(c.count), "-benchtime", c.benchtime, "-timeout", c.timeout.String()}
	args = append(args, extra...)
	args = append(args, ".")
	fmt.Fprintf(stderr, "report: go %s\n", strings.Join(args, " "))
	var out bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stdout = io.MultiWriter(&out, stderr)
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test: %w", err)
	}
	return out.Bytes(), nil
}

// nodeBench runs node/alsbench.js and returns its output and Node's
// version.
func nodeBench(c config, stderr io.Writer) ([]byte, string, error) {
	bin, err := exec.LookPath(c.node)
	if err != nil {
		return nil, "", err
	}
	v, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return nil, "", err
	}
	fmt.Fprintf(stderr, "report: node %s node/alsbench.js\n", strings.TrimSpace(string(v)))
	var out bytes.Buffer
	cmd := exec.Command(bin, "node/alsbench.js", "-count", strconv.Itoa(c.count), "-iterations", strconv.Itoa(c.nodeIters))
	cmd.Stdout = io.MultiWriter(&out, stderr)
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("node/alsbench.js: %w", err)
	}
	return out.Bytes(), strings.TrimSpace(string(v)), nil
}

func machine() string {
	ci, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return fmt.Sprintf("%d CPUs, %s/%s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	}
	defer ci.Close()
	var mem io.Reader
	if mi, err := os.Open("/proc/meminfo"); err == nil {
		defer mi.Close()
		mem = mi
	}
	return cpuInfo(ci, mem) + ", " + runtime.GOOS + "/" + runtime.GOARCH
}

// loadAverage is /proc/loadavg's 1, 5 and 15 minute averages: how busy
// the machine was when the run began, which says how far to trust it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func goVersion() string {
	if v, err := exec.Command("go", "version").Output(); err == nil {
		return strings.TrimSpace(string(v))
	}
	return runtime.Version()
}
