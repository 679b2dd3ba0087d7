package gostmt

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// ImportPath is the import path of package als, whose Go the fix calls.
const ImportPath = "github.com/go-als/als"

// Directive marks a go statement that must stay a plain go statement; the
// reason follows it on the same comment line.
const Directive = "//als:ignore"

// AllFlag names the analyzer's flag that extends the check from packages
// that import als to every package. (The drivers of x/tools keep "all" as a
// no-op for go vet's sake; cmd/alsfix maps its -all to this flag.)
const AllFlag = "allpkgs"

// Analyzer reports every go statement that is not marked with Directive and
// suggests rewriting it to als.Go.
var Analyzer = &analysis.Analyzer{
	Name: "gostmt",
	Doc: `report the goroutine hand-offs that drop the als context, and rewrite them to carry it

A go statement starts its goroutine with no als context: GetStore there
reports nothing. The suggested fix rewrites the statement to als.Go and
keeps Go's evaluation order: the function value and the arguments are
evaluated at the statement, in the calling goroutine. The functions that
run a function in a goroutine of their own (sync.WaitGroup.Go,
errgroup.Group.Go and TryGo, time.AfterFunc, context.AfterFunc) are
reported too, and the fix wraps the function in als.Bind or als.BindErr.
Mark a hand-off that must not inherit the context with a trailing or
preceding comment "//als:ignore <reason>". Only packages that import als
are checked unless -all is set (the analyzer's flag allpkgs, for drivers
other than alsfix).`,
	URL: "https://pkg.go.dev/github.com/go-als/als/cmd/alsfix",
	Run: run,
}

// checkAll, checkHandoffs and compiled are the values of the analyzer's
// flags.
var checkAll, checkHandoffs, compiled bool

func init() {
	Analyzer.Flags.BoolVar(&checkAll, AllFlag, false,
		"check every package, not only those that import "+ImportPath)
	Analyzer.Flags.BoolVar(&checkHandoffs, "handoffs", true,
		"check the functions that start a goroutine (sync.WaitGroup.Go, errgroup, time.AfterFunc, context.AfterFunc); false checks go statements only")
	Analyzer.Flags.BoolVar(&compiled, CompiledFlag, false,
		"the program is built in compiled mode (cmd/alsbuild), where every goroutine inherits the context: report the "+Directive+" go statements and hand-offs, which inherit it too")
}

// CompiledFlag names the analyzer's flag for programs built in compiled
// mode. There a plain go statement inherits its creator's context, so
// //als:ignore no longer keeps a goroutine out of the request; only
// starting it inside DetachFunc does.
const CompiledFlag = "compiled"

// DetachFunc is the function of package als that runs a function with no
// context, so that the goroutines it starts inherit none in compiled mode.
const DetachFunc = "Detach"

func run(pass *analysis.Pass) (any, error) {
	if !checkAll && !importsALS(pass.Pkg) {
		return nil, nil
	}
	bodies := funcBodies(pass)
	for _, file := range pass.Files {
		tf := pass.Fset.File(file.FileStart)
		src := plainSource(pass, tf)
		if ast.IsGenerated(file) {
			var ok bool
			if src, ok = cgoSource(pass, file); !ok {
				continue // nobody can edit or annotate generated code by hand
			}
		}
		checkFile(pass, file, tf, src, bodies)
	}
	return nil, nil
}

func importsALS(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == ImportPath {
			return true
		}
	}
	return false
}

// canImport reports whether pkg may import als: als itself and the
// packages of its module that als is built from would form an import cycle.
// A package of the module that already imports als is not one of those.
func canImport(pkg *types.Package) bool {
	inModule := pkg.Path() == ImportPath || strings.HasPrefix(pkg.Path(), ImportPath+"/")
	return !inModule || importsALS(pkg)
}

// checkFile reports the hand-offs in file; src is the text its fixes
// edit, or nil to report without fixes.
func checkFile(pass *analysis.Pass, file *ast.File, tf *token.File, src *source, bodies map[*types.Func]*ast.BlockStmt) {
	var stmts []*ast.GoStmt
	ast.Inspect(file, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			stmts = append(stmts, g)
		}
		return true
	})
	var uses []handoffUse
	if checkHandoffs && canImport(pass.Pkg) {
		// The packages als is built from cannot use its bound forms; they
		// carry the context into their callbacks by hand.
		uses = findHandoffs(pass.TypesInfo, file)
	}
	if len(stmts) == 0 && len(uses) == 0 {
		return
	}
	ignored := ignoredLines(tf, file, src)
	var todo []*ast.GoStmt
	var positions []token.Pos
	var inherit []analysis.Diagnostic // compiled mode: marked, and inheriting anyway
	for _, g := range stmts {
		if isBound(pass.TypesInfo, g.Call.Fun) {
			continue // go als.BindArg(fn)(x) carries the context
		}
		if !ignored[tf.Line(g.Pos())] {
			todo = append(todo, g)
			positions = append(positions, g.Pos())
		} else if compiled && !inDetach(pass.TypesInfo, file, g.Pos()) {
			inherit = append(inherit, analysis.Diagnostic{
				Pos: g.Pos(), End: g.Pos() + token.Pos(len("go")),
				Message: "in compiled mode this go statement inherits the context despite " + Directive +
					": start it inside als." + DetachFunc + "(func() { ... })",
			})
		}
	}
	var todoUses []handoffUse
	for _, u := range uses {
		if !ignored[tf.Line(u.pos())] {
			todoUses = append(todoUses, u)
			positions = append(positions, u.pos())
		} else if compiled && !inDetach(pass.TypesInfo, file, u.pos()) {
			inherit = append(inherit, analysis.Diagnostic{
				Pos: u.expr.Pos(), End: u.expr.End(),
				Message: "in compiled mode the function " + u.h.show + " runs inherits the context despite " + Directive +
					": call it inside als." + DetachFunc + "(func() { ... })",
			})
		}
	}
	if len(positions) == 0 && len(inherit) == 0 {
		return
	}
	var imp *importPlan
	if src != nil && canImport(pass.Pkg) && len(positions) > 0 {
		imp = planImport(pass, file, src, positions)
	}
	fix := func(d *analysis.Diagnostic, message string, edits []analysis.TextEdit, ok bool) {
		if !ok {
			return
		}
		if imp.edit != nil {
			edits = append(edits, *imp.edit)
		}
		if edits, ok = src.mapEdits(edits); !ok {
			return
		}
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: message, TextEdits: edits}}
	}
	diags := inherit
	for _, g := range todo {
		d := analysis.Diagnostic{
			Pos: g.Pos(),
			End: g.Pos() + token.Pos(len("go")), // the keyword, not a whole literal's body
			Message: "go statement drops the als context: use als.Go, or mark it " + Directive + " <reason>" +
				longLivedNote(longLived(pass.TypesInfo, bodies, g.Call.Fun)),
		}
		if imp != nil {
			r := &rewriter{pass: pass, file: file, s: src, stmt: g, als: imp.name}
			edits, ok := r.edits()
			fix(&d, "Rewrite to "+imp.name+".Go", edits, ok)
		}
		diags = append(diags, d)
	}
	for _, u := range todoUses {
		d := analysis.Diagnostic{Pos: u.expr.Pos(), End: u.expr.End(), Message: handoffMessage(u)}
		if u.call != nil {
			d.Message += longLivedNote(longLived(pass.TypesInfo, bodies, u.call.Args[u.h.param]))
		}
		if imp != nil {
			edits, ok := handoffEdits(pass, file, u, imp.name, src.text)
			fix(&d, "Bind the function with "+imp.name+"."+u.h.bind, edits, ok)
		}
		diags = append(diags, d)
	}
	slices.SortStableFunc(diags, func(a, b analysis.Diagnostic) int { return cmp.Compare(a.Pos, b.Pos) })
	for _, d := range diags {
		pass.Report(d)
	}
}

// inDetach reports whether pos is in a function literal passed to
// als.Detach, whose goroutines start with no context in compiled mode.
func inDetach(info *types.Info, file *ast.File, pos token.Pos) bool {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for i, n := range path {
		if _, ok := n.(*ast.FuncLit); !ok || i+1 >= len(path) {
			continue
		}
		if call, ok := path[i+1].(*ast.CallExpr); ok {
			if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil &&
				fn.Pkg().Path() == ImportPath && fn.Name() == DetachFunc {
				return true
			}
		}
	}
	return false
}

// longLivedNote is what a report adds for a goroutine that looks
// long-lived, for the reason given.
func longLivedNote(reason string) string {
	if reason == "" {
		return ""
	}
	return "; it looks long-lived (" + reason + "): if it serves the process, not one request, mark it " + Directive
}

// ignoredLines returns the lines whose go statements carry Directive: the
// lines a directive comment is on, and the line below a comment group that
// holds a directive on a line of its own.
func ignoredLines(tf *token.File, file *ast.File, src *source) map[int]bool {
	lines := make(map[int]bool)
	for _, g := range file.Comments {
		for _, c := range g.List {
			if !isDirective(c.Text) {
				continue
			}
			line := tf.Line(c.Slash)
			lines[line] = true
			if src == nil || startsLine(src, c.Slash) {
				lines[tf.Line(g.End())+1] = true
			}
		}
	}
	return lines
}

func isDirective(text string) bool {
	rest, ok := strings.CutPrefix(text, Directive)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// startsLine reports whether only blanks precede pos on its line, so that a
// comment there annotates the next line rather than the code before it.
func startsLine(src *source, pos token.Pos) bool {
	start, off := src.lineStart(pos), src.off(pos)
	return off >= start && strings.TrimLeft(string(src.src[start:off]), " \t") == ""
}
