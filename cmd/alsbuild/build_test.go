package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests build alsbuild and use it the ways users do. The first run
// compiles the standard library with the patched runtime (tens of seconds);
// later runs hit the build cache.

var alsbuildBin, standinBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "alsbuild-test-")
	if err != nil {
		panic(err)
	}
	alsbuildBin = filepath.Join(dir, "alsbuild")
	standinBin = filepath.Join(dir, "standin")
	for bin, pkg := range map[string]string{alsbuildBin: ".", standinBin: "./testdata/standin"} {
		build := exec.Command("go", "build", "-o", bin, pkg)
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			panic(fmt.Sprintf("building %s: %v", pkg, err))
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const compiledModule = "../../testdata/compiled"

func runCmd(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	out, err := runEnv(dir, nil, name, args...)
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return out
}

// runEnv runs a command in dir with extra environment variables and
// returns its combined output.
func runEnv(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func TestWrapperRunsTheCompiledModeSuite(t *testing.T) {
	out := runCmd(t, compiledModule, alsbuildBin, "go", "test", "-count=1", "./...")
	assert.Contains(t, out, "ok  \texample.com/alscompiled")
}

func TestSameSourceBothModes(t *testing.T) {
	bin := t.TempDir()
	runCmd(t, compiledModule, "go", "build", "-toolexec="+alsbuildBin, "-o", filepath.Join(bin, "compiled"), "./cmd/probe")
	runCmd(t, compiledModule, "go", "build", "-o", filepath.Join(bin, "default"), "./cmd/probe")
	assert.Equal(t, "compiled=true inherited=true\n", runCmd(t, bin, filepath.Join(bin, "compiled")))
	assert.Equal(t, "compiled=false inherited=false\n", runCmd(t, bin, filepath.Join(bin, "default")))
}

func TestVersionCarriesIdentity(t *testing.T) {
	tooldir := strings.TrimSpace(runCmd(t, ".", "go", "env", "GOTOOLDIR"))
	compile := filepath.Join(tooldir, "compile")
	plain := strings.TrimSpace(runCmd(t, ".", compile, "-V=full"))
	ours := strings.TrimSpace(runCmd(t, ".", alsbuildBin, compile, "-V=full"))
	assert.True(t, strings.HasPrefix(ours, plain+" alsbuild-"), "%q does not extend %q", ours, plain)
	assert.NotEqual(t, plain, ours)
}

func TestUsage(t *testing.T) {
	cmd := exec.Command(alsbuildBin)
	out, err := cmd.CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "usage:")
}
