package gostmt_test

import (
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-als/als/cmd/alsfix/gostmt"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// The analyzer in a driver of one's own: load a package, run the
// analyzer, apply its fix. (cmd/alsfix does all this with -fix.) The
// package does not import als, hence the flag.
func Example() {
	dir, err := os.MkdirTemp("", "gostmt-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	src := `package jobs

func worker(id, job int) {}

func start(next func() int) {
	for id := 0; id < 3; id++ {
		go worker(id, next())
	}
}
`
	must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/jobs\n\ngo 1.24\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "jobs.go"), []byte(src), 0o644))

	must(gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "true"))
	defer func() { must(gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "false")) }()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, ".")
	must(err)
	graph, err := checker.Analyze([]*analysis.Analyzer{gostmt.Analyzer}, pkgs, nil)
	must(err)

	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			fmt.Println(act.Package.Fset.Position(d.Pos).Line, d.Message)
			// Apply the fix's edits back to front, so offsets stay valid.
			out := []byte(src)
			edits := slices.Clone(d.SuggestedFixes[0].TextEdits)
			slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(b.Pos - a.Pos) })
			for _, e := range edits {
				file := act.Package.Fset.File(e.Pos)
				start, end := file.Offset(e.Pos), file.Offset(e.End)
				out = slices.Concat(out[:start], e.NewText, out[end:])
			}
			formatted, err := format.Source(out)
			must(err)
			fmt.Print(string(formatted))
		}
	}
	// Output:
	// 7 go statement drops the als context: use als.Go, or mark it //als:ignore <reason>
	// package jobs
	//
	// import "github.com/go-als/als"
	//
	// func worker(id, job int) {}
	//
	// func start(next func() int) {
	// 	for id := 0; id < 3; id++ {
	// 		{
	// 			id, job := id, next()
	// 			als.Go(func() { worker(id, job) })
	// 		}
	// 	}
	// }
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
