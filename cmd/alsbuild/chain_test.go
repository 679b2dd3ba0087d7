package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The stand-in (testdata/standin) plays the part of Orchestrion or otelc:
// another -toolexec program that must run in the same build. These tests
// build the probe through each chain order and check that the binary is
// really in compiled mode (a plain go statement in a third-party package
// inherits) and that the stand-in really ran.

// standinLog reads the stand-in's log: one line per tool it ran.
func standinLog(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err, "the stand-in never ran")
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestChainedBuildIsCompiledMode(t *testing.T) {
	quote := func(words ...string) string {
		s, err := joinQuoted(words)
		require.NoError(t, err)
		return s
	}
	tests := []struct {
		name string
		mode string
		// env and args of the command, after the stand-in's log
		env  []string
		args []string
		// what the stand-in must have logged: tool and mode, and for
		// the link, which always runs
		want string
	}{
		{
			name: "alsbuild first",
			mode: "pass",
			args: []string{"go", "build", "-toolexec=" + quote(alsbuildBin, standinBin)},
			want: "pass link",
		},
		{
			// The stand-in copies every file before alsbuild sees it, as
			// instrumenting tools do.
			name: "stand-in first, files moved",
			mode: "copy",
			args: []string{"go", "build", "-toolexec=" + quote(standinBin, alsbuildBin)},
			want: "copy link",
		},
		{
			name: "wrapper with -toolexec",
			mode: "pass",
			args: []string{alsbuildBin, "go", "build", "-toolexec", quote(standinBin)},
			want: "pass link",
		},
		{
			name: "wrapper with GOFLAGS",
			mode: "pass",
			env:  []string{"GOFLAGS=-toolexec=" + quote(standinBin)},
			args: []string{alsbuildBin, "go", "build"},
			want: "pass link",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			logFile := filepath.Join(dir, "standin.log")
			bin := filepath.Join(dir, "probe")
			env := append([]string{"STANDIN_LOG=" + logFile, "STANDIN_MODE=" + tt.mode}, tt.env...)
			args := append(tt.args[1:], "-o", bin, "./cmd/probe")
			out, err := runEnv(compiledModule, env, tt.args[0], args...)
			require.NoError(t, err, out)

			assert.Equal(t, "compiled=true inherited=true\n", runCmd(t, dir, bin))
			log := standinLog(t, logFile)
			assert.Contains(t, log, tt.mode+" compile - files=0 patched=false", "the compiler's -V=full went through the stand-in")
			assert.True(t, hasPrefix(log, tt.want), "the stand-in ran the linker: %q", log)
		})
	}
}

// /usr/bin/env passes its arguments through: the chain of issue 11.
func TestChainThroughEnv(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "probe")
	runCmd(t, compiledModule, "go", "build", "-toolexec="+alsbuildBin+" /usr/bin/env", "-o", bin, "./cmd/probe")
	assert.Equal(t, "compiled=true inherited=true\n", runCmd(t, ".", bin))
}

// A tool after alsbuild that compiles other files than it is given would
// make a binary that claims compiled mode without the patched runtime, or
// whose time.AfterFunc callbacks silently lose their context: the build
// must fail instead, and name the tool.
func TestChainThatDropsThePatchFails(t *testing.T) {
	for _, pkg := range []string{"runtime", "time"} {
		t.Run(pkg, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "probe")
			env := []string{"STANDIN_LOG=" + filepath.Join(dir, "standin.log"), "STANDIN_MODE=restore-" + pkg}
			out, err := runEnv(compiledModule, env, "go", "build", "-toolexec="+alsbuildBin+" "+standinBin, "-o", bin, "./cmd/probe")
			require.Error(t, err, out)
			assert.Contains(t, out, "compiled "+pkg+" without alsbuild's patch")
			assert.Contains(t, out, standinBin)
			assert.NoFileExists(t, bin)
		})
	}
}

// A tool before alsbuild that compiles a package itself, never running
// alsbuild for it: the link must fail when gls is in compiled mode but
// runtime or time is not patched. (Without runtime's patch, compiling gls
// already fails; time's is the silent case.)
func TestChainThatBypassesAlsbuildFailsTheLink(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "probe")
	env := []string{"STANDIN_LOG=" + filepath.Join(dir, "standin.log"), "STANDIN_MODE=bypass-time"}
	out, err := runEnv(compiledModule, env, "go", "build", "-toolexec="+standinBin+" "+alsbuildBin, "-o", bin, "./cmd/probe")
	require.Error(t, err, out)
	assert.Contains(t, out, "package gls is in compiled mode but package time was compiled without alsbuild's patch")
	assert.NoFileExists(t, bin)
}

func TestChainErrors(t *testing.T) {
	tooldir := strings.TrimSpace(runCmd(t, ".", "go", "env", "GOTOOLDIR"))
	compile := filepath.Join(tooldir, "compile")
	tests := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"no tool", nil, []string{"/usr/bin/env", "true"}, "no Go tool among the arguments"},
		{"relative tool", nil, []string{"compile", "-V=full"}, "no Go tool among the arguments"},
		{"alsbuild twice", nil, []string{alsbuildBin, compile, "-V=full"}, "alsbuild appears twice"},
		{"wrapper around itself", nil, []string{"go", "build", "-toolexec=" + alsbuildBin, "./cmd/probe"}, "already runs alsbuild"},
		{"wrapper, GOFLAGS runs alsbuild", []string{"GOFLAGS=-toolexec=" + alsbuildBin}, []string{"go", "build", "./cmd/probe"}, "already runs alsbuild"},
		{"bad quoting", nil, []string{"go", "build", "-toolexec='x", "./cmd/probe"}, "unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runEnv(compiledModule, append([]string{"GOTOOLDIR=" + tooldir}, tt.env...), alsbuildBin, tt.args...)
			require.Error(t, err, out)
			assert.Contains(t, out, tt.want)
		})
	}
}

func hasPrefix(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestQuoting(t *testing.T) {
	tests := []struct {
		words []string
		s     string
	}{
		{[]string{"/bin/alsbuild"}, "/bin/alsbuild"},
		{[]string{"/my tools/alsbuild", "otelc", "--flag"}, "'/my tools/alsbuild' otelc --flag"},
		{[]string{"it's", "x"}, `"it's" x`},
		{[]string{""}, "''"},
	}
	for _, tt := range tests {
		s, err := joinQuoted(tt.words)
		require.NoError(t, err)
		assert.Equal(t, tt.s, s)
		back, err := splitQuoted(s)
		require.NoError(t, err)
		assert.Equal(t, tt.words, back)
	}
	_, err := joinQuoted([]string{`a'b"c`})
	require.Error(t, err)
	_, err = splitQuoted(`"open`)
	require.Error(t, err)
}

func TestCutToolexec(t *testing.T) {
	tests := []struct {
		args  []string
		rest  []string
		value string
	}{
		{[]string{"-o", "x", "./..."}, []string{"-o", "x", "./..."}, ""},
		{[]string{"-toolexec=a b", "./..."}, []string{"./..."}, "a b"},
		{[]string{"--toolexec", "a", "-race", "./..."}, []string{"-race", "./..."}, "a"},
		{[]string{"-toolexec=a", "-toolexec=b", "."}, []string{"."}, "b"}, // the go command uses the last
		{[]string{".", "--", "-toolexec=prog-arg"}, []string{".", "--", "-toolexec=prog-arg"}, ""},
	}
	for _, tt := range tests {
		rest, value, err := cutToolexec(tt.args)
		require.NoError(t, err)
		assert.Equal(t, tt.rest, rest, "%q", tt.args)
		assert.Equal(t, tt.value, value, "%q", tt.args)
	}
	_, _, err := cutToolexec([]string{"-toolexec"})
	require.ErrorIs(t, err, ErrChain)
}
