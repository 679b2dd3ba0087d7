package gostmt_test

import (
	"testing"

	"github.com/go-als/als/cmd/alsfix/gostmt"
	"github.com/go-als/als/cmd/alsfix/internal/fixture"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestGolden runs the analyzer over testdata/alsfix/golden: every go
// statement marked "want" is reported, and the fixes applied together give
// the .go.golden files. The flag that checks every package is on, so that
// one load covers the packages that import als (calls, taken) and those
// that do not: noals, where the fix adds the import to files with none, a
// single import or a group, and pkgvar, which declares als itself.
// (Loading type-checks the standard library from source: one load keeps
// the test quick.)
func TestGolden(t *testing.T) {
	dir := fixture.Module(t, "golden")
	setAll(t)
	analysistest.RunWithSuggestedFixes(t, dir, gostmt.Analyzer, "./calls", "./cgo", "./handoffs", "./taken", "./noals", "./pkgvar")
}

// TestDefaultSkipsPackagesWithoutALS: without the flag, a package that does
// not import als is not checked; quiet has a go statement and no "want".
func TestDefaultSkipsPackagesWithoutALS(t *testing.T) {
	dir := fixture.Module(t, "golden")
	analysistest.Run(t, dir, gostmt.Analyzer, "./quiet")
}

// setAll sets the analyzer's all-packages flag for the rest of the test.
func setAll(t *testing.T) {
	t.Helper()
	require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "true"))
	t.Cleanup(func() { require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "false")) })
}

// TestCompiledMode: with the compiled flag, the go statements and
// hand-offs marked //als:ignore are reported, since in compiled mode they
// inherit the context anyway.
func TestCompiledMode(t *testing.T) {
	dir := fixture.Module(t, "golden")
	require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.CompiledFlag, "true"))
	t.Cleanup(func() { require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.CompiledFlag, "false")) })
	analysistest.Run(t, dir, gostmt.Analyzer, "./compiled")
}
