package lost_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fiveWays = "../../testdata/lost"

// buildFiveWays builds testdata/lost, the program that hands work to
// other goroutines inside a Run in five ways, with the go tool as a user
// would, in the default mode.
func buildFiveWays(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "lost")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = fiveWays
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// goStatementLine finds the line of the go statement in the program's
// main.go, so the test does not hard-code it.
func goStatementLine(t *testing.T) int {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fiveWays, "main.go"))
	require.NoError(t, err)
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(strings.TrimSpace(sc.Text()), "go func()") {
			return n
		}
	}
	t.Fatal("no go statement in main.go")
	return 0
}

func runFiveWays(t *testing.T, bin string, env ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin)
	// The test's own ALS_DEBUG or GODEBUG must not decide the case.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ALS_DEBUG=") && !strings.HasPrefix(kv, "GODEBUG=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	require.NoError(t, cmd.Run(), "stderr: %s", e.String())
	return o.String(), e.String()
}

func TestFiveWaysEndToEnd(t *testing.T) {
	bin := buildFiveWays(t)
	goLine := "main.go:" + strconv.Itoa(goStatementLine(t))
	ways := []string{"sync.WaitGroup.Go", "errgroup.Group.Go", "time.AfterFunc", "context.AfterFunc", "go statement"}
	// What each way's line must name: the go statement's own line, or the
	// library function that started the goroutine.
	names := map[string]string{
		"sync.WaitGroup.Go": "(sync.(*WaitGroup).Go",
		"errgroup.Group.Go": "(golang.org/x/sync/errgroup.(*Group).Go",
		"time.AfterFunc":    "(time.AfterFunc)",
		"context.AfterFunc": "(context.AfterFunc",
		"go statement":      " started at " + goLine + " (main.main.",
	}
	tests := []struct {
		name string
		env  []string
		// caller is what each line of a goroutine a library started says
		// about the user's call, "" when the line must not name one.
		caller string
	}{
		{"unset", nil, ""},
		{"ALS_DEBUG=lost", []string{"ALS_DEBUG=lost"}, "GODEBUG=tracebackancestors=1 names its caller"},
		{"with tracebackancestors", []string{"ALS_DEBUG=lost", "GODEBUG=tracebackancestors=5"}, "called from main.main.func2 in main.go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr := runFiveWays(t, bin, tt.env...)
			for _, way := range ways {
				assert.Contains(t, stdout, way+`: "" false`, "every way loses the store")
			}
			if tt.env == nil {
				assert.Empty(t, stderr, "the detector is off unless ALS_DEBUG=lost")
				return
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			assert.Len(t, lines, len(ways), "one line per creation site, not per read or goroutine:\n%s", stderr)
			for _, way := range ways {
				var found []string
				for _, l := range lines {
					if strings.Contains(l, names[way]) {
						found = append(found, l)
					}
				}
				if !assert.Len(t, found, 1, "%s: want one line naming %q in:\n%s", way, names[way], stderr) {
					continue
				}
				l := found[0]
				assert.True(t, strings.HasPrefix(l, "als: context lost: request_id missed in goroutine "), l)
				switch way {
				case "go statement":
					assert.Contains(t, l, "by goroutine 1, which holds a context; use als.Go, als.Bind, or compiled mode")
					assert.NotContains(t, l, "called from")
				case "time.AfterFunc":
					assert.Contains(t, l, "by the runtime")
					assert.Contains(t, l, "use spawn.AfterFunc or als.Bind")
				default:
					assert.Contains(t, l, "by goroutine 1, which holds a context")
					assert.Contains(t, l, tt.caller)
				}
			}
		})
	}
}
