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
// the .go.golden files. Packages that do not import als stay quiet.
func TestGolden(t *testing.T) {
	dir := fixture.Module(t, "golden")
	analysistest.RunWithSuggestedFixes(t, dir, gostmt.Analyzer, "./calls", "./taken", "./quiet")
}

// TestGoldenAll checks packages that do not import als, with the flag that
// turns the check on everywhere: the fix adds the import to files with
// none, a single import, or a group.
func TestGoldenAll(t *testing.T) {
	dir := fixture.Module(t, "golden")
	setAll(t)
	analysistest.RunWithSuggestedFixes(t, dir, gostmt.Analyzer, "./noals")
}

// setAll sets the analyzer's all-packages flag for the rest of the test.
func setAll(t *testing.T) {
	t.Helper()
	require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "true"))
	t.Cleanup(func() { require.NoError(t, gostmt.Analyzer.Flags.Set(gostmt.AllFlag, "false")) })
}
