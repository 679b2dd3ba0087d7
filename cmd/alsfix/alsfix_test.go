package main

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-als/als/cmd/alsfix/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alsfix is the command under test, built once by TestMain.
var alsfix string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "alsfix")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	alsfix = filepath.Join(dir, "alsfix")
	if out, err := exec.Command("go", "build", "-o", alsfix, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building alsfix: %v\n%s", err, out)
		_ = os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

const diagnostic = "go statement drops the als context"

// wantBefore is what the fixture prints before the rewrite. Each number
// shows that a value was taken at its go statement, not when the goroutine
// ran (see testdata/alsfix/e2e/main.go).
const wantBefore = `next called 2 times; x is now 100
closure 100 ctx=-
field 2 ctx=-
generic-explicit int64:42 ctx=-
generic-inferred int:1 ctx=-
ignored 100 ctx=-
incremented 1 ctx=-
literal-0 0 ctx=-
literal-1 1 ctx=-
literal-2 4 ctx=-
loop-0 11 ctx=-
loop-1 112 ctx=-
loop-2 213 ctx=-
map 2 ctx=-
method-interface 5 ctx=-
method-pointer 700 ctx=-
method-value 5 ctx=-
method-value-no-args 5 ctx=-
plain 1 ctx=-
side-effect 1 ctx=-
tuple-1 10 ctx=-
unchanged 3 ctx=-
unchanged-method 9 ctx=-
untyped-bool true ctx=-
variadic-list 6 ctx=-
variadic-spread 6 ctx=-
`

// TestEndToEnd rewrites the fixture program with -fix, then builds and
// runs both versions: they print the same results, and the rewritten one
// runs its goroutines in the request's context, except the one marked
// //als:ignore. The rewritten code is gofmt-clean, and the fixer finds
// nothing more in it.
func TestEndToEnd(t *testing.T) {
	orig := fixture.Module(t, "e2e")
	fixed := filepath.Join(t.TempDir(), "fixed")
	fixture.Copy(t, orig, fixed)

	stdout, stderr, err := fixture.Try(fixed, alsfix, "./...")
	require.Error(t, err, "the report must fail the run")
	assert.Empty(t, stdout)
	ignored, plain := goStatements(t, orig)
	assert.Equal(t, 1, ignored)
	assert.Equal(t, plain, strings.Count(stderr, diagnostic), stderr)

	fixture.Run(t, fixed, alsfix, "-fix", "./...")
	ignoredAfter, plainAfter := goStatements(t, fixed)
	assert.Equal(t, ignored, ignoredAfter, "//als:ignore statements stay")
	assert.Zero(t, plainAfter, "every other go statement is rewritten")
	assertGofmt(t, fixed)
	for _, args := range [][]string{{"./..."}, {"-all", "./..."}} {
		stdout, stderr, err := fixture.Try(fixed, alsfix, args...)
		require.NoError(t, err, "alsfix %v on its own output:\n%s%s", args, stdout, stderr)
		assert.Empty(t, stdout+stderr)
	}

	before := fixture.Go(t, orig, "run", ".")
	// -race: a rewrite that evaluated anything in the new goroutine would
	// race with main, which changes every value after the go statements.
	after := fixture.Go(t, fixed, "run", "-race", ".")
	assert.Equal(t, wantBefore, before)
	want := strings.ReplaceAll(before, "ctx=-", "ctx=req-42")
	want = strings.Replace(want, "ignored 100 ctx=req-42", "ignored 100 ctx=-", 1)
	assert.Equal(t, want, after, "same results, with the context carried into the goroutines")
}

// TestVet runs the fixer as go vet's tool: it reports the fixture's go
// statements and fails the vet run; after -fix, vet passes. -all reaches
// the analyzer through go vet too.
func TestVet(t *testing.T) {
	dir := fixture.Module(t, "e2e")
	_, plain := goStatements(t, dir)

	_, stderr, err := fixture.Try(dir, "go", "vet", "-vettool="+alsfix, "./...")
	require.Error(t, err)
	assert.Equal(t, plain, strings.Count(stderr, diagnostic), stderr)

	golden := fixture.Module(t, "golden")
	fixture.Go(t, golden, "vet", "-vettool="+alsfix, "./quiet")
	_, stderr, err = fixture.Try(golden, "go", "vet", "-vettool="+alsfix, "-all", "./quiet")
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(stderr, diagnostic), stderr)

	// A file that imports "C" reaches vet as cmd/cgo's output: its
	// reports still name the user's file.
	_, stderr, err = fixture.Try(golden, "go", "vet", "-vettool="+alsfix, "-all", "./cgo")
	require.Error(t, err)
	assert.Equal(t, 2, strings.Count(stderr, "cgo/cgo.go:"+"1"), stderr)
	assert.Equal(t, 1, strings.Count(stderr, "cgo/cgo.go:22:2: time.AfterFunc runs"), stderr)

	fixture.Run(t, dir, alsfix, "-fix", "./...")
	fixture.Go(t, dir, "vet", "-vettool="+alsfix, "./...")
}

// TestRepositoryIsClean runs the fixer with -all over every module of this
// repository: the only go statements left are the ones that must stay
// plain, and each of them says why with //als:ignore.
func TestRepositoryIsClean(t *testing.T) {
	root := fixture.RepoRoot(t)
	for _, mod := range modules(t, root) {
		cmd := exec.Command(alsfix, "-all", "./...")
		cmd.Dir = mod
		out, err := cmd.CombinedOutput()
		assert.NoError(t, err, "alsfix -all ./... in %s:\n%s", mod, out)
	}
}

func TestTranslateAll(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"alsfix", "-all", "./..."}, []string{"alsfix", "-allpkgs", "./..."}},
		{[]string{"alsfix", "--all", "-fix", "./..."}, []string{"alsfix", "-allpkgs", "-fix", "./..."}},
		{[]string{"alsfix", "-all=false", "x"}, []string{"alsfix", "-allpkgs=false", "x"}},
		{[]string{"alsfix", "-fix", "all", "---all"}, []string{"alsfix", "-fix", "all", "---all"}},
		{[]string{"all", "-allpkgs"}, []string{"all", "-allpkgs"}},
	} {
		assert.Equal(t, tt.want, translateAll(tt.in), "%q", tt.in)
	}
}

// goStatements counts the go statements under dir that do not bind their
// function with als: those marked //als:ignore (on their line or the line
// above) and the others.
func goStatements(t *testing.T, dir string) (ignored, plain int) {
	t.Helper()
	walkGo(t, dir, func(path string, src []byte) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		require.NoError(t, err)
		marked := make(map[int]bool)
		for _, g := range f.Comments {
			for _, c := range g.List {
				if strings.HasPrefix(c.Text, "//als:ignore") {
					line := fset.Position(c.Slash).Line
					marked[line], marked[line+1] = true, true
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if g, ok := n.(*ast.GoStmt); ok && !bound(g) {
				if marked[fset.Position(g.Pos()).Line] {
					ignored++
				} else {
					plain++
				}
			}
			return true
		})
	})
	return ignored, plain
}

// bound reports whether g is go als.BindArg(fn)(x), which carries the
// context.
func bound(g *ast.GoStmt) bool {
	call, ok := g.Call.Fun.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "als" && strings.HasPrefix(sel.Sel.Name, "Bind")
}

func assertGofmt(t *testing.T, dir string) {
	t.Helper()
	walkGo(t, dir, func(path string, src []byte) {
		formatted, err := format.Source(src)
		require.NoError(t, err, path)
		assert.Equal(t, string(formatted), string(src), "%s is not gofmt-clean", path)
	})
}

func walkGo(t *testing.T, dir string, fn func(path string, src []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil {
			fn(path, src)
		}
		return err
	})
	require.NoError(t, err)
}

// modules lists the directories of the repository's Go modules, leaving
// out fixtures under testdata, as the Makefile does.
func modules(t *testing.T, root string) []string {
	t.Helper()
	var mods []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			mods = append(mods, filepath.Dir(path))
		}
		return nil
	})
	require.NoError(t, err)
	require.Contains(t, mods, root)
	return mods
}

// TestFiveWays is issue 12's program: inside one request it hands work to
// another goroutine through sync.WaitGroup.Go, errgroup.Group.Go,
// time.AfterFunc, context.AfterFunc and a go statement. alsfix -all
// reports all five; before the fix none of them sees the request, after
// it all five do.
func TestFiveWays(t *testing.T) {
	dir := fixture.Module(t, "fiveways")
	ways := []string{"sync.WaitGroup.Go", "errgroup.Group.Go", "time.AfterFunc", "context.AfterFunc", "go statement"}
	output := func(id string) string {
		var b strings.Builder
		for _, w := range ways {
			fmt.Fprintf(&b, "%s: %s\n", w, id)
		}
		return b.String()
	}

	stdout, stderr, err := fixture.Try(dir, alsfix, "-all", "./...")
	require.Error(t, err, "the report must fail the run")
	assert.Empty(t, stdout)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, len(ways), stderr)
	for i, w := range []string{"sync.WaitGroup.Go runs", "errgroup.Group.Go runs", "time.AfterFunc runs", "context.AfterFunc runs", diagnostic} {
		assert.Contains(t, lines[i], w)
	}
	assert.Equal(t, output("-"), fixture.Go(t, dir, "run", "."))

	_, stderr, _ = fixture.Try(dir, alsfix, "-all", "-handoffs=false", "./...")
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "-handoffs=false: go statements only\n%s", stderr)
	assert.Contains(t, stderr, diagnostic)

	fixture.Run(t, dir, alsfix, "-fix", "./...")
	assertGofmt(t, dir)
	fixture.Run(t, dir, alsfix, "-all", "./...")
	assert.Equal(t, output("req-7"), fixture.Go(t, dir, "run", "."))
}

// TestFixDiff: -fix -diff prints the rewrite and leaves the files alone,
// and no hunk shows a line as removed and added again. (The driver's own
// diff did that with the line an import is added after.)
func TestFixDiff(t *testing.T) {
	dir := fixture.Module(t, "golden")
	before := readTree(t, dir)
	stdout, stderr, err := fixture.Try(dir, alsfix, "-all", "-fix", "-diff", "./noals", "./taken")
	require.NoError(t, err, stderr)
	assert.Equal(t, before, readTree(t, dir), "-diff must not change the files")
	assert.Contains(t, stdout, "+import \"github.com/go-als/als\"\n")
	hunks := 0
	for _, hunk := range strings.Split(stdout, "\n@@ ")[1:] {
		hunks++
		removed := make(map[string]bool)
		for _, l := range strings.Split(hunk, "\n") {
			if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "--- ") {
				removed[l[1:]] = true
			}
		}
		for _, l := range strings.Split(hunk, "\n") {
			if strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++ ") {
				assert.False(t, removed[l[1:]], "line %q removed and added in hunk:\n@@ %s", l[1:], hunk)
			}
		}
	}
	assert.GreaterOrEqual(t, hunks, 6, stdout)
}

// TestHelp: -help describes -all as the check of every package, and does
// not show the analyzer's flag that -all stands for.
func TestHelp(t *testing.T) {
	_, stderr, err := fixture.Try(".", alsfix, "-help")
	require.NoError(t, err)
	assert.Contains(t, stderr, "  -all\n    \tcheck every package, not only those that import github.com/go-als/als\n")
	assert.NotContains(t, stderr, "  -allpkgs")
	assert.Contains(t, stderr, "Usage: alsfix [-flag] [package]")
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	walkGo(t, dir, func(path string, src []byte) { files[path] = string(src) })
	return files
}
