package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// importPlan says how the fixes in one file refer to package als: by name,
// and with the edit that adds the import if the file lacks a usable one.
// Every fix in the file carries the same edit, so that the drivers, which
// merge identical edits, add the import once.
type importPlan struct {
	name string
	edit *analysis.TextEdit
}

// planImport picks the name under which the rewritten statements call
// als.Go: an existing import of als if the file has one that no statement
// sees shadowed, or else a new import named als, als2, als3... whichever
// is the first that clashes with nothing in the file, the package, or the
// scopes of the statements.
func planImport(pass *analysis.Pass, file *ast.File, src *source, stmts []token.Pos) *importPlan {
	taken := make(map[string]bool)
	for _, spec := range file.Imports {
		pn := pass.TypesInfo.PkgNameOf(spec)
		if pn == nil {
			continue
		}
		taken[pn.Name()] = true
		if pn.Imported().Path() == ImportPath && pn.Name() != "_" && pn.Name() != "." &&
			visibleAt(pass, pn.Name(), pn, stmts) {
			return &importPlan{name: pn.Name()}
		}
	}
	name := "als"
	for i := 2; taken[name] || pass.Pkg.Scope().Lookup(name) != nil || !visibleAt(pass, name, nil, stmts); i++ {
		name = "als" + strconv.Itoa(i)
	}
	return &importPlan{name: name, edit: importEdit(file, src, name)}
}

// visibleAt reports whether name denotes obj (nil: nothing at all) at every
// statement.
func visibleAt(pass *analysis.Pass, name string, obj types.Object, stmts []token.Pos) bool {
	for _, pos := range stmts {
		if lookup(pass, name, pos) != obj {
			return false
		}
	}
	return true
}

// lookup resolves name in the scope that encloses pos.
func lookup(pass *analysis.Pass, name string, pos token.Pos) types.Object {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		scope = pass.Pkg.Scope()
	}
	_, obj := scope.LookupParent(name, pos)
	return obj
}

// importEdit adds an import of als under name: into the last parenthesized
// import declaration (in a group of its own when that group holds only
// standard packages), or as a new declaration after the imports, or after
// the package clause when the file has no imports.
// onlyStdlib puts als in a group of its own after standard packages, the
// way goimports arranges them.
func importEdit(file *ast.File, src *source, name string) *analysis.TextEdit {
	spec := strconv.Quote(ImportPath)
	if name != "als" {
		spec = name + " " + spec
	}
	var last *ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			last = gd
		}
	}
	if last == nil {
		return &analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}
	}
	if !last.Rparen.IsValid() {
		return &analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\nimport " + spec)}
	}
	text := "\t" + spec + "\n"
	if off := src.off(last.Rparen); off <= 0 || src.src[off-1] != '\n' {
		text = "\n" + text
	}
	if onlyStdlib(last) {
		text = "\n" + text
	}
	return &analysis.TextEdit{Pos: last.Rparen, End: last.Rparen, NewText: []byte(text)}
}

// onlyStdlib reports whether d imports only standard-library packages,
// whose paths have no dot in their first element.
func onlyStdlib(d *ast.GenDecl) bool {
	for _, s := range d.Specs {
		path, err := strconv.Unquote(s.(*ast.ImportSpec).Path.Value)
		if err != nil {
			return false
		}
		first, _, _ := strings.Cut(path, "/")
		if strings.Contains(first, ".") {
			return false
		}
	}
	return len(d.Specs) > 0
}
