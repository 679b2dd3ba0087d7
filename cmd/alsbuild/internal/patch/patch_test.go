package patch

import (
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The installed Go's own sources are the realistic input.
func goroot(t *testing.T, pkg string) Reader {
	t.Helper()
	dir := filepath.Join(build.Default.GOROOT, "src", pkg)
	_, err := os.Stat(dir)
	require.NoError(t, err)
	return func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
}

func installedMinor(t *testing.T) int {
	var minor int
	_, err := fmt.Sscanf(runtime.Version(), "go1.%d", &minor)
	require.NoError(t, err, runtime.Version())
	return minor
}

func lines(b []byte) int { return bytes.Count(b, []byte("\n")) }

func TestRuntimePatchOnInstalledGo(t *testing.T) {
	read := goroot(t, "runtime")
	res, err := Runtime(installedMinor(t), runtime.Version(), read)
	require.NoError(t, err)
	require.Contains(t, res.Add, RuntimeFile)
	for name, patched := range res.Replace {
		orig, err := read(name)
		require.NoError(t, err)
		assert.Equal(t, lines(orig), lines(patched), "%s: line numbers must not move", name)
	}
	proc := string(res.Replace["proc.go"])
	assert.Contains(t, proc, "als_share(callergp.alsFrame); newg.alsFrame = callergp.alsFrame")
	assert.Contains(t, proc, "gp.alsFrame = nil; gp.alsExec = nil; gp.alsFree = nil")
	assert.Contains(t, string(res.Replace["runtime2.go"]), "alsFrame unsafe.Pointer; alsExec unsafe.Pointer; alsFree unsafe.Pointer; }")
}

func TestTimePatchOnInstalledGo(t *testing.T) {
	res, err := Time(installedMinor(t), runtime.Version(), goroot(t, "time"))
	require.NoError(t, err)
	assert.Contains(t, string(res.Replace["sleep.go"]), "goFunc, alsBindFunc(f), nil)")
	assert.Contains(t, res.Add, TimeFile)
}

func TestUnknownVersionsAreRefused(t *testing.T) {
	for _, minor := range []int{22, 23, 28, 30} {
		t.Run(fmt.Sprint(minor), func(t *testing.T) {
			read := func(string) ([]byte, error) { t.Fatal("must not read sources"); return nil, nil }
			_, err := Runtime(minor, fmt.Sprintf("go1.%d.1", minor), read)
			require.ErrorIs(t, err, ErrUnsupported)
			assert.Contains(t, err.Error(), fmt.Sprintf("go1.%d.1 (Go 1.%d)", minor, minor))
			_, err = Time(minor, "", read)
			require.ErrorIs(t, err, ErrUnsupported)
		})
	}
}

// A layout alsbuild does not know must fail, never half-patch.
func TestRuntimeAnchorsMustMatchExactly(t *testing.T) {
	read := goroot(t, "runtime")
	proc, err := read("proc.go")
	require.NoError(t, err)
	r2, err := read("runtime2.go")
	require.NoError(t, err)

	tests := []struct {
		name  string
		proc  string
		r2    string
		match string
	}{
		{"newproc1 anchor missing", strings.Replace(string(proc), "newg.labels = mp.curg.labels", "newg.labels = nil", 1), string(r2), "newg.labels = mp.curg.labels"},
		{"gdestroy anchor missing", strings.Replace(string(proc), "gp.labels = nil", "gp.labels = gp.labels", 1), string(r2), "gp.labels = nil"},
		{"anchor twice", string(proc) + "\nfunc alsDup(gp *g) { gp.labels = nil }\n", string(r2), "2 times"},
		{"anchor in the wrong function", strings.Replace(string(proc), "gp.labels = nil", "gp.labels = gp.labels", 1) + "\nfunc alsElsewhere(gp *g) { gp.labels = nil }\n", string(r2), "not inside func gdestroy"},
		{"newproc1 without callergp", strings.Replace(string(proc), "func newproc1(fn *funcval, callergp *g,", "func newproc1(fn *funcval, parent *g,", 1), string(r2), "no parameter callergp"},
		{"no type g", string(proc), strings.Replace(string(r2), "type g struct", "type gg struct", 1), "type g struct"},
		{"g without labels", string(proc), strings.Replace(string(r2), "\tlabels ", "\tlabelz ", 1), "no field labels"},
		{"patched twice", string(proc), strings.Replace(string(r2), "\tlabels ", "\talsFrame unsafe.Pointer\n\tlabels ", 1), "already has a field alsFrame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Runtime(installedMinor(t), "", func(name string) ([]byte, error) {
				if name == "proc.go" {
					return []byte(tt.proc), nil
				}
				return []byte(tt.r2), nil
			})
			require.ErrorIs(t, err, ErrAnchor)
			assert.Contains(t, err.Error(), tt.match)
		})
	}
}

func TestGLSNeedsTheABIMarker(t *testing.T) {
	good := []byte("package gls\n\n" + GLSABI + "\n")
	res, err := GLS(func(string) ([]byte, error) { return good, nil })
	require.NoError(t, err)
	assert.Contains(t, string(res.Replace[GLSFile]), "const compiled = true")

	old := []byte("package gls\n\nconst compiledABI = \"als-runtime-field-v1\"\n")
	_, err = GLS(func(string) ([]byte, error) { return old, nil })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "same als release")

	_, err = GLS(func(string) ([]byte, error) { return nil, errors.New("no such file") })
	require.Error(t, err)
}

// The checked-in gls seam must carry the marker this alsbuild expects.
func TestRepositoryGLSFileMatches(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "gls", GLSFile))
	require.NoError(t, err)
	assert.Equal(t, 1, bytes.Count(src, []byte(GLSABI)))
}
