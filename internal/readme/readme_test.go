package readme_test

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const root = "../.."

// Every Go snippet of README.md is held in a Go file of the repository:
// its lines, spaces aside, appear in that file in the same order. Go files
// compile under make test, so a snippet that stopped compiling, or a
// README changed without its holder, fails here.
func TestReadmeSnippetsAreHeld(t *testing.T) {
	snippets := goSnippets(t, filepath.Join(root, "README.md"))
	require.NotEmpty(t, snippets)
	files := goFiles(t)
	for _, s := range snippets {
		held := ""
		for path, lines := range files {
			if inOrder(s.lines, lines) {
				held = path
				break
			}
		}
		assert.NotEmpty(t, held, "README.md:%d: snippet held by no Go file:\n%s", s.line, strings.Join(s.lines, "\n"))
	}
}

func TestInOrder(t *testing.T) {
	file := []string{"a", "x", "b", "c"}
	assert.True(t, inOrder([]string{"a", "b", "c"}, file))
	assert.False(t, inOrder([]string{"b", "a"}, file), "order matters")
	assert.False(t, inOrder([]string{"a", "d"}, file))
}

type snippet struct {
	line  int
	lines []string
}

// goSnippets returns the ```go blocks of a Markdown file, normalised.
func goSnippets(t *testing.T, path string) []snippet {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []snippet
	var cur *snippet
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = &snippet{line: n}
		case cur != nil && strings.TrimSpace(line) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			if l := normal(line); l != "" {
				cur.lines = append(cur.lines, l)
			}
		}
	}
	require.NoError(t, sc.Err())
	require.Nil(t, cur, "an unclosed ```go block")
	return out
}

// goFiles returns the normalised lines of every Go file in the repository.
func goFiles(t *testing.T) map[string][]string {
	files := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if l := normal(l); l != "" {
				lines = append(lines, l)
			}
		}
		files[path] = lines
		return nil
	})
	require.NoError(t, err)
	return files
}

// normal collapses runs of spaces and tabs, which gofmt aligns
// differently in a file than a README does.
func normal(line string) string { return strings.Join(strings.Fields(line), " ") }

// inOrder reports whether want is a subsequence of lines.
func inOrder(want, lines []string) bool {
	i := 0
	for _, l := range lines {
		if i < len(want) && l == want[i] {
			i++
		}
	}
	return i == len(want)
}
