package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// flatLiteral rewrites go func(params) { body }(args) by declaring the
// parameters as copies of the arguments just before the call, when that
// changes nothing else in the block, so that the body keeps its lines and
// its indentation:
//
//	n, s := i, item
//	als.Go(func() { body })
//
// It reports false when a copy would clash: a parameter that is unnamed
// or variadic, a name declared in the same block or mentioned after the
// statement, one that would hide another variable, or an argument whose
// type differs from the parameter's.
func (r *rewriter) flatLiteral(lit *ast.FuncLit) ([]analysis.TextEdit, bool) {
	info := r.pass.TypesInfo
	call := r.stmt.Call
	params := lit.Type.Params
	if params.NumFields() == 0 || call.Ellipsis.IsValid() {
		return nil, false
	}
	rest, ok := r.restOfBlock()
	if !ok {
		return nil, false
	}
	var names []string
	var types_ []ast.Expr
	for _, field := range params.List {
		if _, variadic := field.Type.(*ast.Ellipsis); variadic || len(field.Names) == 0 {
			return nil, false
		}
		for _, n := range field.Names {
			names = append(names, n.Name)
			types_ = append(types_, field.Type)
		}
	}
	scope := r.pass.Pkg.Scope().Innermost(r.stmt.Pos())
	if !usesAll(info, lit) {
		return nil, false // a copy nobody reads would not compile
	}
	for _, name := range names {
		if name == "_" || name == r.als {
			return nil, false
		}
		obj := r.lookup(name, r.stmt.Pos())
		if obj != nil && (obj.Parent() == scope || !r.copiesItself(name, obj)) {
			return nil, false
		}
		if mentions(info, rest, name, scope, obj) {
			return nil, false
		}
	}
	var values []string
	if len(call.Args) == 1 && len(names) > 1 {
		tuple, ok := info.TypeOf(call.Args[0]).(*types.Tuple)
		if !ok || tuple.Len() != len(names) {
			return nil, false
		}
		for i, name := range names {
			if !types.Identical(tuple.At(i).Type(), info.TypeOf(lit).(*types.Signature).Params().At(i).Type()) {
				return nil, false
			}
			_ = name
		}
		values = []string{r.text(call.Args[0])}
	} else {
		if len(call.Args) != len(names) {
			return nil, false
		}
		sig := info.TypeOf(lit).(*types.Signature)
		for i, a := range call.Args {
			v, ok := r.typedCopy(a, sig.Params().At(i).Type(), types_[i])
			if !ok {
				return nil, false
			}
			values = append(values, v)
		}
	}
	decl := strings.Join(names, ", ") + " := " + strings.Join(values, ", ") + "\n" + r.indent()
	return []analysis.TextEdit{
		r.replace(r.stmt.Pos(), lit.Body.Lbrace, decl+r.als+".Go(func() "),
		r.replace(lit.Body.End(), call.End(), ")"),
	}, true
}

// usesAll reports whether lit's body uses each of its parameters.
func usesAll(info *types.Info, lit *ast.FuncLit) bool {
	params := make(map[types.Object]bool)
	for _, field := range lit.Type.Params.List {
		for _, n := range field.Names {
			params[info.Defs[n]] = false
		}
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if _, isParam := params[info.Uses[id]]; isParam {
				params[info.Uses[id]] = true
			}
		}
		return true
	})
	for _, used := range params {
		if !used {
			return false
		}
	}
	return true
}

// copiesItself reports whether the argument for the parameter name is the
// variable obj of the same name (go func(i int) { ... }(i)): its copy,
// i := i, hides it with the same value.
func (r *rewriter) copiesItself(name string, obj types.Object) bool {
	lit := r.stmt.Call.Fun.(*ast.FuncLit)
	i := 0
	for _, field := range lit.Type.Params.List {
		for _, n := range field.Names {
			if n.Name == name && i < len(r.stmt.Call.Args) {
				id, ok := ast.Unparen(r.stmt.Call.Args[i]).(*ast.Ident)
				return ok && r.pass.TypesInfo.Uses[id] == obj
			}
			i++
		}
	}
	return false
}

// typedCopy is the text of a copy of argument a that has the parameter's
// type want, whose source is typ, or false.
func (r *rewriter) typedCopy(a ast.Expr, want types.Type, typ ast.Expr) (string, bool) {
	tv := r.pass.TypesInfo.Types[a]
	if tv.IsNil() {
		return "", false
	}
	if tv.Value != nil {
		// A constant: the copy takes its default type unless converted.
		if b, ok := tv.Type.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return "", false
		}
		if natural := r.naturalType(a); natural != nil && types.Identical(types.Default(natural), want) {
			return r.text(a), true
		}
		switch typ.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			return r.text(typ) + "(" + r.text(a) + ")", true
		}
		return "", false
	}
	if !types.Identical(tv.Type, want) {
		return "", false
	}
	return r.value(a)
}

// naturalType is the type a has on its own, outside the call.
func (r *rewriter) naturalType(a ast.Expr) types.Type {
	alone := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if err := types.CheckExpr(r.pass.Fset, r.pass.Pkg, a.Pos(), a, alone); err != nil {
		return nil
	}
	return alone.Types[a].Type
}

// restOfBlock returns the statements after the go statement in the list
// it belongs to, or false when it is not directly in one (a labeled
// statement), or when the function has a goto, which a new variable could
// make jump over a declaration.
func (r *rewriter) restOfBlock() ([]ast.Stmt, bool) {
	path, _ := astutil.PathEnclosingInterval(r.file, r.stmt.Pos(), r.stmt.End())
	if len(path) < 2 || path[0] != ast.Node(r.stmt) {
		return nil, false
	}
	var list []ast.Stmt
	switch p := path[1].(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return nil, false
	}
	for _, n := range path {
		var body *ast.BlockStmt
		switch f := n.(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		default:
			continue
		}
		hasGoto := false
		ast.Inspect(body, func(n ast.Node) bool {
			if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
				hasGoto = true
			}
			return !hasGoto
		})
		if hasGoto {
			return nil, false
		}
		break
	}
	for i, s := range list {
		if s == ast.Stmt(r.stmt) {
			return list[i+1:], true
		}
	}
	return nil, false
}

// mentions reports whether a copy named name, declared in scope before
// stmts, would change them: one of them uses outer, the variable the copy
// hides, or declares name in the same scope again, or may do so once its
// own fix is applied.
func mentions(info *types.Info, stmts []ast.Stmt, name string, scope *types.Scope, outer types.Object) bool {
	found := false
	for _, s := range stmts {
		if g, ok := s.(*ast.GoStmt); ok {
			// A later literal of the same block whose fix declares the
			// same name there.
			if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
				for _, field := range lit.Type.Params.List {
					for _, n := range field.Names {
						found = found || n.Name == name
					}
				}
			}
		}
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				if def := info.Defs[id]; def != nil && def.Parent() == scope {
					found = true
				}
				if use := info.Uses[id]; use != nil && use == outer {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
