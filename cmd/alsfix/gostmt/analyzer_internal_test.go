package gostmt

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestInDetach: a go statement inside a literal passed to als.Detach is
// detached; one in another literal, or in one passed to a Detach of
// another package, is not. (als.Detach is type-checked from a stand-in:
// the function belongs to the runtime part of package als.)
func TestInDetach(t *testing.T) {
	fset := token.NewFileSet()
	check := func(path, src string, imp types.Importer) (*types.Package, *ast.File, *types.Info) {
		f, err := parser.ParseFile(fset, path+".go", src, 0)
		require.NoError(t, err)
		info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
		pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, info)
		require.NoError(t, err)
		return pkg, f, info
	}
	alsPkg, _, _ := check(ImportPath, "package als\n\nfunc Detach(fn func()) { fn() }\n", nil)
	otherPkg, _, _ := check("example.com/other", "package other\n\nfunc Detach(fn func()) { fn() }\n", nil)
	imp := importerFunc(func(path string) (*types.Package, error) {
		return map[string]*types.Package{ImportPath: alsPkg, "example.com/other": otherPkg}[path], nil
	})
	_, f, info := check("example.com/app", `package app

import (
	"github.com/go-als/als"
	"example.com/other"
)

func work() {}

func start() {
	als.Detach(func() {
		go work() // detached
		func() { go work() }() // detached: still inside
	})
	other.Detach(func() { go work() })
	func() { go work() }()
	go work()
}
`, imp)
	var got []bool
	ast.Inspect(f, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			got = append(got, inDetach(info, f, g.Pos()))
		}
		return true
	})
	assert.Equal(t, []bool{true, true, false, false, false}, got)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
