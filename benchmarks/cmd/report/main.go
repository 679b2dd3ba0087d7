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
	flag.IntVar(&c.count, "count", minRuns, "runs of every benchmark; the table shows medians with 95% intervals, which need at least 6")
	flag.IntVar(&c.rounds, "rounds", 1, "run the whole go test suite this many times (each with -count) and pool the runs; more than 1 spreads a busy machine's drift over every library alike")
	flag.StringVar(&c.benchtime, "benchtime", "500ms", "go test -benchtime for each run")
	flag.StringVar(&c.bench, "bench", ".", "go test -bench pattern")
	flag.DurationVar(&c.timeout, "timeout", 20*time.Minute, "go test -timeout")
	flag.StringVar(&c.from, "from", "", "read benchmark output saved with -raw from this file instead of running go test, the compiled run and Node")
	flag.StringVar(&c.raw, "raw", "", "also save the raw go test and node output to this file")
	flag.StringVar(&c.node, "node", "node", "the node binary for the Node.js anchor; empty to skip it")
	flag.IntVar(&c.nodeIters, "node-iterations", 2_000_000, "operations per Node run")
	flag.IntVar(&c.e2eRequests, "e2e-requests", 20_000, "requests per end-to-end round")
	flag.IntVar(&c.e2eClients, "e2e-clients", 8, "concurrent keep-alive clients in the end-to-end test")
	flag.IntVar(&c.e2eRounds, "e2e-rounds", 7, "end-to-end rounds per server")
	flag.DurationVar(&c.e2eMax, "e2e-max", 20*time.Second, "time cap of one end-to-end round")
	flag.BoolVar(&c.skipE2E, "skip-e2e", false, "leave the end-to-end test out")
	flag.BoolVar(&c.compiled, "compiled", true, "also run Get, RunNested, RunNestedStore and Go in a test binary built with cmd/alsbuild (compiled mode)")
	flag.StringVar(&c.out, "out", "RESULTS.md", "where to write the results; empty to only print the table")
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
	if c.count*c.rounds < minRuns {
		fmt.Fprintf(stderr, "report: %d runs of each benchmark are too few for a 95%% interval (%d needed); every goal will straddle\n",
			c.count*c.rounds, minRuns)
	}
	start := time.Now()
	load := loadAverage()
	// raw is everything measured, in the Go benchmark format, each part
	// after the als-mode line that says where it came from: -from reads
	// it back whole, and benchstat -col als-mode compares the modes.
	var raw bytes.Buffer

	// 1. The go test benchmarks, in one run so that they share conditions;
	// then the core operations again in compiled mode, right after.
	if c.from != "" {
		b, err := os.ReadFile(c.from)
		if err != nil {
			return err
		}
		raw.Write(b)
	} else {
		raw.Write(modeHeader("default"))
		for r := range c.rounds {
			if c.rounds > 1 {
				fmt.Fprintf(stderr, "report: round %d of %d\n", r+1, c.rounds)
			}
			out, err := goBench(c, stderr)
			if err != nil {
				return err
			}
			raw.Write(out)
		}
		if c.compiled {
			out, err := compiledBench(c, stderr)
			if err != nil {
				return err
			}
			raw.Write(modeHeader(compiledMode))
			raw.Write(out)
		}
	}

	// 2. Node's AsyncLocalStorage on the same machine.
	nodeVersion, nodeRan := "not run", false
	if c.node != "" && c.from == "" {
		out, version, err := nodeBench(c, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "report: Node anchor left out: %v\n", err)
			nodeVersion = "not available (" + err.Error() + ")"
		} else {
			raw.Write(modeHeader("node"))
			raw.Write(out)
			nodeVersion, nodeRan = version, true
		}
	}
	samples, err := Read(bytes.NewReader(raw.Bytes()), "benchmark output")
	if err != nil {
		return fmt.Errorf("reading benchmark output: %w", err)
	}

	// 3. The end-to-end HTTP comparison.
	var e2eRes *e2eRounds
	if !c.skipE2E {
		fmt.Fprintf(stderr, "report: end to end: %d rounds of %d requests, %d clients, each server in turn\n",
			c.e2eRounds, c.e2eRequests, c.e2eClients)
		cmp, err := e2e.Compare(e2e.Load{Requests: c.e2eRequests, Clients: c.e2eClients, MaxDuration: c.e2eMax}, c.e2eRounds)
		if err != nil {
			return err
		}
		e2eRes = &e2eRounds{ALS: cmp.ALS, Ctx: cmp.Ctx}
	}

	rows := Rows(data{samples: samples, e2e: e2eRes})
	took := time.Since(start).Round(time.Second)
	fmt.Fprintf(stdout, "\n%s\n%s (%s)\n", Markdown(rows), SummaryLine(GoalSummary(rows)), took)
	if c.raw != "" {
		if err := os.WriteFile(c.raw, raw.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if c.out == "" {
		return nil
	}

	svgName := c.svgName
	svg, err := ScaleChart(samples)
	switch {
	case errors.Is(err, ErrNoData):
		fmt.Fprintln(stderr, "report: no Scale benchmarks in this run; no picture")
		svgName = ""
	case err != nil:
		return err
	default:
		if err := os.WriteFile(filepath.Join(filepath.Dir(c.out), c.svgName), svg, 0o644); err != nil {
			return err
		}
	}
	env := Env{
		Machine:  machine(),
		Load:     load,
		Go:       goVersion(),
		Node:     nodeVersion,
		Date:     time.Now(),
		Command:  strings.TrimSpace("make bench  # = cd benchmarks && go run ./cmd/report " + strings.Join(os.Args[1:], " ")),
		Method:   method(c, nodeRan, e2eRes != nil),
		Duration: took,
	}
	var md bytes.Buffer
	if err := WriteResults(&md, env, rows, samples, e2eRes, svgName); err != nil {
		return err
	}
	if err := os.WriteFile(c.out, md.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "report: wrote %s\n", c.out)
	return nil
}

// minRuns is the fewest runs for which benchmath has a 95% interval of
// the median.
const minRuns = 6

// method says how the numbers were taken, for RESULTS.md.
func method(c config, nodeRan, e2eRan bool) string {
	parts := []string{fmt.Sprintf("%d runs of each go test benchmark (%d go test run(s) of -count %d -benchtime %s -benchmem)",
		c.count*c.rounds, c.rounds, c.count, c.benchtime)}
	if c.compiled && c.from == "" {
		parts = append(parts, fmt.Sprintf("%d runs of the compiled-mode benchmarks (%s, in a test binary built with -toolexec=alsbuild, right after)",
			c.count, compiledPattern))
	}
	if c.from != "" {
		parts[0] = "the benchmark output in " + c.from
	}
	if nodeRan {
		parts = append(parts, fmt.Sprintf("%d Node runs of %d ops", c.count, c.nodeIters))
	}
	if e2eRan {
		parts = append(parts, fmt.Sprintf("%d end-to-end rounds per server of %d requests from %d keep-alive clients",
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
	cc.bench = compiledPattern
	return goBench(cc, stderr, "-toolexec", tool)
}

// compiledPattern selects the benchmarks the compiled-mode run repeats:
// the core operations whose goals compare the modes, with goid.Get timed
// the same way in the same binary.
const compiledPattern = "^Benchmark(Get|RunNested|RunNestedStore|Go)$"

// goBench runs the go test benchmarks, echoing their output to stderr as
// it comes so a long run shows progress, and returns that output.
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
