package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/cmd/alsbuild/internal/patch"
)

func TestRewritePath(t *testing.T) {
	tests := []struct {
		path, rewrites, want string
	}{
		{"/goroot/src/runtime", "/work/b001=>", "/goroot/src/runtime"},
		{"/goroot/src/runtime", "/work/b001=>;/goroot/src=>", "runtime"},
		{"/goroot/src/runtime", "/goroot=>GOROOT", "GOROOT/src/runtime"},
		{"/goroot/src/runtime", "/goroot/src/runtime=>x", "x"},
		{"/goroot/src/runtimes", "/goroot/src/runtime=>x", "/goroot/src/runtimes"},
		{"/goroot/src/runtime", "/goroot/src=>a;/goroot=>b", "a/runtime"},
		{"/goroot/src/runtime", "", "/goroot/src/runtime"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, rewritePath(tt.path, tt.rewrites), "%s with %q", tt.path, tt.rewrites)
	}
}

func TestMapTrimpath(t *testing.T) {
	one := []trimMap{{tmp: "/tmp/x", dir: "/g/src/runtime"}}
	got := mapTrimpath([]string{"-p", "runtime", "-trimpath", "/w/b1=>", "./a.go"}, one)
	assert.Equal(t, []string{"-p", "runtime", "-trimpath", "/tmp/x=>/g/src/runtime;/w/b1=>", "./a.go"}, got)
	got = mapTrimpath([]string{"-trimpath=/g/src=>", "./a.go"}, one)
	assert.Equal(t, []string{"-trimpath=/tmp/x=>runtime;/g/src=>", "./a.go"}, got)
	got = mapTrimpath([]string{"-p", "x", "./a.go"}, []trimMap{{tmp: "/tmp/x", dir: "/d"}})
	assert.Equal(t, []string{"-trimpath", "/tmp/x=>/d", "-p", "x", "./a.go"}, got)
	// A tool earlier in the chain moved proc.go; each copy maps back to
	// where its input was.
	two := []trimMap{{tmp: "/tmp/x/0", dir: "/other/tool"}, {tmp: "/tmp/x/1", dir: "/g/src/runtime"}}
	got = mapTrimpath([]string{"-trimpath", "/other/tool=>/g/src/runtime;/g/src=>", "a.go"}, two)
	assert.Equal(t, []string{"-trimpath", "/tmp/x/0=>/g/src/runtime;/tmp/x/1=>runtime;/other/tool=>/g/src/runtime;/g/src=>", "a.go"}, got)
}

func TestCompileArguments(t *testing.T) {
	args := []string{"-o", "out.a", "-p", "runtime", "-std", "-asmhdr", "go_asm.h", "./a.go", "./b.go"}
	pkg, std := compileTarget(args)
	assert.Equal(t, "runtime", pkg)
	assert.True(t, std)
	assert.Equal(t, []int{8, 7}, sourceFiles(args))
	pkg, std = compileTarget([]string{"-p=example.com/x", "x.go"})
	assert.Equal(t, "example.com/x", pkg)
	assert.False(t, std)
}

func TestFlagValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		flag string
		want string
	}{
		{"separate", []string{"-o", "out.a", "-p", "runtime"}, "o", "out.a"},
		{"joined", []string{"-importcfg=/tmp/cfg", "-p", "x"}, "importcfg", "/tmp/cfg"},
		{"the last wins", []string{"-p", "a", "-p=b"}, "p", "b"},
		{"absent", []string{"-pack", "-std", "a.go"}, "p", ""},
		{"no value after it", []string{"a.go", "-o"}, "o", ""},
		{"a longer flag is another", []string{"-os", "x", "-o=y"}, "o", "y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, flagValue(tc.args, tc.flag))
		})
	}
}

func TestResponseFiles(t *testing.T) {
	dir := t.TempDir()
	rf := filepath.Join(dir, "args")
	require.NoError(t, os.WriteFile(rf, []byte("-p\nruntime\na\\nb\nc\\\\d\n"), 0o644))
	got, err := expandResponseFiles([]string{"-o", "@" + rf, "x.go"})
	require.NoError(t, err)
	assert.Equal(t, []string{"-o", "-p", "runtime", "a\nb", `c\d`, "x.go"}, got)

	back, err := writeResponseFile(dir, got)
	require.NoError(t, err)
	again, err := expandResponseFiles([]string{"@" + back})
	require.NoError(t, err)
	assert.Equal(t, got, again)
}

// fakeGoroot lays out the parts of a GOROOT that alsbuild reads.
func fakeGoroot(t *testing.T, version string) string {
	root := t.TempDir()
	for path, content := range map[string]string{
		"VERSION":                             "go1.99.0\ntime x\n",
		"src/internal/goversion/goversion.go": "package goversion\n\nconst Version = " + version + "\n",
		"src/runtime/proc.go":                 "package runtime\n",
		"src/runtime/runtime2.go":             "package runtime\n",
		"src/time/sleep.go":                   "package time\n",
	} {
		p := filepath.Join(root, path)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return root
}

func TestUnsupportedGoFailsTheBuild(t *testing.T) {
	root := fakeGoroot(t, "99")
	for _, pkg := range []string{"runtime", "time"} {
		t.Run(pkg, func(t *testing.T) {
			dir := filepath.Join(root, "src", pkg)
			// The tool must never run: the error comes first.
			err := toolexec(nil, filepath.Join(root, "pkg", "tool", "linux_amd64", "compile"), []string{"-p", pkg, "-std", filepath.Join(dir, "x.go")})
			require.ErrorIs(t, err, patch.ErrUnsupported)
			assert.Contains(t, err.Error(), "go1.99.0 (Go 1.99)")
		})
	}
}

func TestUnknownLayoutFailsTheBuild(t *testing.T) {
	root := fakeGoroot(t, "26") // a known version, but sources without the anchors
	dir := filepath.Join(root, "src", "runtime")
	err := toolexec(nil, filepath.Join(root, "pkg", "tool", "linux_amd64", "compile"), []string{"-p", "runtime", "-std", filepath.Join(dir, "proc.go")})
	require.ErrorIs(t, err, patch.ErrAnchor)
}
