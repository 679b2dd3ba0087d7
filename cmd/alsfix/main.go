package main

import (
	"os"
	"strings"

	"github.com/go-als/als/cmd/alsfix/gostmt"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	os.Args = translateAll(os.Args)
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
