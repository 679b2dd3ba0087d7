package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/go-als/als/cmd/alsfix/gostmt"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// childEnv marks the process that -fix -diff runs to get the driver's
// diff, which the parent then minimizes.
const childEnv = "ALSFIX_DIFF_CHILD"

func main() {
	os.Args = translateAll(os.Args)
	if wantsDiff(os.Args[1:]) && os.Getenv(childEnv) == "" {
		os.Exit(runDiff())
	}
	flag.CommandLine.Usage = usage
	singlechecker.Main(gostmt.Analyzer)
}

// translateAll turns -all into the analyzer's flag: the driver reserves
// -all as a no-op for old go vet scripts, and would otherwise swallow it.
func translateAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if i > 0 && strings.HasPrefix(a, "-") && len(a)-len(strings.TrimLeft(a, "-")) <= 2 && name == "all" {
			a = "-" + gostmt.AllFlag
			if hasValue {
				a += "=" + value
			}
		}
		out[i] = a
	}
	return out
}

// wantsDiff reports whether the flags before the first package ask for
// -diff (which the driver honors only with -fix).
func wantsDiff(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return false
		}
		name, value, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "diff" && value != "false" {
			return true
		}
	}
	return false
}

// runDiff runs alsfix again with the same arguments, and prints its diff
// with every hunk made minimal; it returns the exit code.
func runDiff() int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "alsfix:", err)
		return 1
	}
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var out bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, &out, os.Stderr
	err = cmd.Run()
	fmt.Print(minimizeDiff(out.String()))
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "alsfix:", err)
		return 1
	}
	return 0
}

// usage replaces the driver's help, which lists -all as "no effect
// (deprecated)" and shows the analyzer's own name for it.
func usage() {
	a := gostmt.Analyzer
	paras := strings.Split(a.Doc, "\n\n")
	w := flag.CommandLine.Output()
	fmt.Fprintf(w, "alsfix: %s\n\nUsage: alsfix [-flag] [package]\n\n", paras[0])
	if len(paras) > 1 {
		fmt.Fprintln(w, strings.Join(paras[1:], "\n\n"))
	}
	fmt.Fprintln(w, "\nFlags:")
	fs := flag.NewFlagSet("alsfix", flag.ContinueOnError)
	fs.SetOutput(w)
	flag.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case gostmt.AllFlag:
		case "all":
			fs.Var(f.Value, "all", "check every package, not only those that import "+gostmt.ImportPath)
		default:
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	fs.PrintDefaults()
}
