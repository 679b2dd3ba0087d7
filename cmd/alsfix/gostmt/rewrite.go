package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// rewriter builds the edits that turn one go statement into a call of
// als.Go. It edits only the parts of the statement it must replace, so a
// function literal's body, and any go statements inside it, stay where they
// are and their own fixes still apply.
type rewriter struct {
	pass *analysis.Pass
	file *ast.File
	s    *source
	stmt *ast.GoStmt
	als  string // the name under which the file imports als

	changed   map[*types.Var]bool // see modified
	changedIn *ast.FuncDecl
}

// edits returns the fix, or false when the statement cannot be rewritten
// faithfully (a value whose type the file cannot spell).
func (r *rewriter) edits() ([]analysis.TextEdit, bool) {
	call := r.stmt.Call
	if lit, ok := call.Fun.(*ast.FuncLit); ok && lit.Type.Results.NumFields() == 0 {
		if oneParam(lit) {
			// go als.BindArg(func(x T) { body })(arg): the go statement
			// evaluates the bound function, which captures the context,
			// and the argument where it did before, and only the header
			// line changes.
			return []analysis.TextEdit{
				r.replace(lit.Pos(), lit.Pos(), r.als+".BindArg("),
				r.replace(lit.End(), lit.End(), ")"),
			}, true
		}
		if edits, ok := r.flatLiteral(lit); ok {
			return edits, true
		}
		return r.literal(lit), true
	}
	if len(call.Args) == 0 && isPlainFunc(r.pass.TypesInfo.TypeOf(call.Fun)) {
		// go s.loop() is als.Go(s.loop): the method value, with its
		// receiver, is evaluated at the call as at the go statement.
		fun := ast.Unparen(call.Fun)
		return []analysis.TextEdit{
			r.replace(r.stmt.Pos(), fun.Pos(), r.als+".Go("),
			r.replace(fun.End(), call.End(), ")"),
		}, true
	}
	return r.general()
}

// oneParam reports whether lit takes one parameter, which is not variadic.
func oneParam(lit *ast.FuncLit) bool {
	params := lit.Type.Params.List
	if len(params) != 1 || len(params[0].Names) > 1 {
		return false
	}
	_, variadic := params[0].Type.(*ast.Ellipsis)
	return !variadic
}

// isPlainFunc reports whether t is a func() that als.Go accepts.
func isPlainFunc(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := types.Unalias(t).Underlying().(*types.Signature)
	if tp, isParam := types.Unalias(t).(*types.TypeParam); isParam {
		sig, ok = coreSignature(tp)
	}
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 0 && sig.Recv() == nil
}

// coreSignature returns the signature every type in tp's type set has.
func coreSignature(tp *types.TypeParam) (*types.Signature, bool) {
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok || iface.NumEmbeddeds() != 1 {
		return nil, false
	}
	u, ok := iface.EmbeddedType(0).(*types.Union)
	if !ok || u.Len() != 1 {
		sig, ok := iface.EmbeddedType(0).Underlying().(*types.Signature)
		return sig, ok
	}
	sig, ok := u.Term(0).Type().Underlying().(*types.Signature)
	return sig, ok
}

// literal rewrites go func(params) { body }(args). Without parameters the
// literal is already the func() that als.Go takes. With parameters it
// becomes a literal that binds them, evaluated now with the same argument
// list, and returns the body as a closure:
//
//	als.Go(func(params) func() { return func() { body } }(args))
//
// The call keeps the user's text for parameters and arguments, so typing,
// conversions, variadic and multi-value arguments are exactly as before.
func (r *rewriter) literal(lit *ast.FuncLit) []analysis.TextEdit {
	call := r.stmt.Call
	open := r.replace(r.stmt.Pos(), lit.Pos(), r.als+".Go(")
	if lit.Type.Params.NumFields() == 0 {
		return []analysis.TextEdit{open, r.replace(lit.End(), call.End(), ")")}
	}
	indent := r.indent()
	body := lit.Body
	return []analysis.TextEdit{
		open,
		r.replace(body.Lbrace, body.Lbrace, "func() {\n"+indent+"\treturn func() "),
		r.replace(body.End(), body.End(), "\n"+indent+"}"),
		r.replace(call.End(), call.End(), ")"),
	}
}

// value is the text that copies argument a. An untyped non-constant
// argument (a comparison, or a shift of an untyped constant) takes its type
// from the parameter in the call, but a plain copy would take the default
// type, so such a copy converts to the parameter's type explicitly.
func (r *rewriter) value(a ast.Expr) (string, bool) {
	text := r.text(a)
	switch ast.Unparen(a).(type) {
	case *ast.BinaryExpr, *ast.UnaryExpr:
	default:
		return text, true // only operators make untyped values that are not constants
	}
	final := r.pass.TypesInfo.TypeOf(a)
	alone := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if err := types.CheckExpr(r.pass.Fset, r.pass.Pkg, a.Pos(), a, alone); err != nil {
		return "", false
	}
	natural := alone.Types[a].Type
	if b, ok := natural.(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
		return text, true
	}
	if types.Identical(types.Default(natural), final) || types.IsInterface(final) {
		return text, true
	}
	typ, ok := r.typeText(final, a.Pos())
	if !ok {
		return "", false
	}
	return typ + "(" + text + ")", true
}

// typeText spells t as the file can write it at pos, or reports false.
func (r *rewriter) typeText(t types.Type, pos token.Pos) (string, bool) {
	var obj types.Object
	switch t := t.(type) {
	case *types.Basic:
		if r.lookup(t.Name(), pos) != types.Universe.Lookup(t.Name()) {
			return "", false
		}
		return t.Name(), true
	case *types.TypeParam:
		obj = t.Obj()
	case *types.Named:
		if t.TypeArgs().Len() > 0 {
			return "", false
		}
		obj = t.Obj()
	case *types.Alias:
		if t.TypeArgs().Len() > 0 {
			return "", false
		}
		obj = t.Obj()
	default:
		return "", false
	}
	if obj.Pkg() == nil {
		return "", false
	}
	if obj.Pkg() == r.pass.Pkg {
		if r.lookup(obj.Name(), pos) != obj {
			return "", false
		}
		return obj.Name(), true
	}
	if !obj.Exported() {
		return "", false
	}
	for _, spec := range r.file.Imports {
		pn := r.pass.TypesInfo.PkgNameOf(spec)
		if pn != nil && pn.Imported() == obj.Pkg() && pn.Name() != "_" && pn.Name() != "." &&
			r.lookup(pn.Name(), pos) == types.Object(pn) {
			return pn.Name() + "." + obj.Name(), true
		}
	}
	return "", false
}

func (r *rewriter) lookup(name string, pos token.Pos) types.Object {
	return lookup(r.pass, name, pos)
}

func (r *rewriter) text(n ast.Node) string {
	return r.s.text(n)
}

func (r *rewriter) replace(pos, end token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)}
}

// indent is the leading white space of the statement's line.
func (r *rewriter) indent() string {
	start, off := r.s.lineStart(r.stmt.Pos()), r.s.off(r.stmt.Pos())
	if off < start {
		return ""
	}
	line := r.s.src[start:off]
	return string(line[:len(line)-len(strings.TrimLeft(string(line), " \t"))])
}
