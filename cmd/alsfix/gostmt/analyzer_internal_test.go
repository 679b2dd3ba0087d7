package gostmt

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsDirective(t *testing.T) {
	for text, want := range map[string]bool{
		"//als:ignore":                   true,
		"//als:ignore the sweeper":       true,
		"//als:ignore\tbackground":       true,
		"//als:ignored":                  false,
		"// als:ignore spaced is prose":  false,
		"/*als:ignore*/":                 false,
		"//nolint //als:ignore trailing": false,
	} {
		assert.Equal(t, want, isDirective(text), text)
	}
}

// TestCanImport: the fix must not make als, or the packages of its module
// that als is built from, import als.
func TestCanImport(t *testing.T) {
	als := types.NewPackage(ImportPath, "als")
	pkg := func(path string, imports ...*types.Package) *types.Package {
		p := types.NewPackage(path, "p")
		p.SetImports(imports)
		return p
	}
	for _, tt := range []struct {
		pkg  *types.Package
		want bool
	}{
		{pkg("example.com/app"), true},
		{pkg("example.com/app", als), true},
		{pkg("github.com/go-als/alsx"), true},
		{als, false},
		{pkg(ImportPath + "/spawn"), false},
		{pkg(ImportPath+"/cmd/alsdemo", als), true},
	} {
		assert.Equal(t, tt.want, canImport(tt.pkg), tt.pkg.Path())
	}
}

func TestLowerName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"run", "run"},
		{"Run", "run"},
		{"ServeHTTP", "serveHTTP"},
		{"URL", "fn"},
		{"X", "fn"},
		{"_", "fn"},
		{"", "fn"},
		{"Éclair", "éclair"},
	} {
		assert.Equal(t, tt.want, lowerName(tt.in, "fn"), tt.in)
	}
}
