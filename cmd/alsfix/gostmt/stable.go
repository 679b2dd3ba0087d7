package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
)

// A go statement evaluates its arguments at the statement, but a local
// variable that nothing changes after its declaration has the same value
// wherever it is read. Such arguments need no copy, so that
// go publish(ctx, nc, js) can become als.Go(func() { publish(ctx, nc, js) })
// with no block of copies around it.

// modified returns the local variables of the function around pos that
// may change after their declaration: assigned, incremented, or given to
// something that can change them (their address, a method with a pointer
// receiver, a slice of an array), and the variables of range loops in
// files older than Go 1.22, which the loop assigns again on each
// iteration. It returns nil when pos is in no function.
func (r *rewriter) modified() (decl *ast.FuncDecl, changed map[*types.Var]bool) {
	for _, d := range r.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Pos() <= r.stmt.Pos() && r.stmt.End() <= fd.End() {
			decl = fd
		}
	}
	if decl == nil {
		return nil, nil
	}
	if r.changed != nil && r.changedIn == decl {
		return decl, r.changed
	}
	info := r.pass.TypesInfo
	changed = make(map[*types.Var]bool)
	mark := func(e ast.Expr) {
		if v, ok := info.Uses[rootIdent(e)].(*types.Var); ok {
			changed[v] = true
		}
	}
	fileVersion := info.FileVersions[r.file]
	oldLoops := fileVersion != "" && version.Compare(fileVersion, "go1.22") < 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && n.Tok == token.DEFINE && info.Defs[id] != nil {
					continue // declared here
				}
				mark(l)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN || oldLoops {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if e == nil {
						continue
					}
					mark(e)
					if id, ok := e.(*ast.Ident); ok {
						if v, ok := info.Defs[id].(*types.Var); ok {
							changed[v] = true
						}
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		case *ast.SliceExpr:
			if _, isArray := types.Unalias(info.TypeOf(n.X)).Underlying().(*types.Array); isArray {
				mark(n.X)
			}
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok && sel.Kind() == types.MethodVal {
				if _, ptrRecv := sel.Obj().(*types.Func).Signature().Recv().Type().(*types.Pointer); ptrRecv && !isPointer(info.TypeOf(n.X)) {
					mark(n.X) // x.m() with func (*T) m takes &x
				}
			}
		}
		return true
	})
	r.changed, r.changedIn = changed, decl
	return decl, changed
}

// rootIdent is the variable that an expression such as x, x.f, x[i] or
// (x) is part of, or nil.
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := types.Unalias(t).Underlying().(*types.Pointer)
	return ok
}

// unchanging returns the local variable that id names if nothing changes
// it after its declaration, or nil.
func (r *rewriter) unchanging(id *ast.Ident) *types.Var {
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == r.pass.Pkg.Scope() {
		return nil
	}
	decl, changed := r.modified()
	if decl == nil || v.Pos() < decl.Pos() || v.Pos() > decl.End() || changed[v] {
		return nil
	}
	return v
}

// stable reports whether argument a has the same value in the new
// goroutine as at the statement: an unchanging local variable, or the
// address of any variable.
func (r *rewriter) stable(a ast.Expr) bool {
	switch e := ast.Unparen(a).(type) {
	case *ast.Ident:
		return r.unchanging(e) != nil
	case *ast.UnaryExpr:
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok && e.Op == token.AND {
			_, isVar := r.pass.TypesInfo.Uses[id].(*types.Var)
			return isVar
		}
	}
	return false
}

// stableFunc reports whether the function value fun is the same in the
// new goroutine as at the statement: an unchanging local variable, or a
// method value on an unchanging
// local variable, unless the variable is a pointer and the method takes
// a value: the method value copies what the pointer points to at the
// statement, and that may change through another pointer.
func (r *rewriter) stableFunc(fun ast.Expr) bool {
	if id, ok := ast.Unparen(fun).(*ast.Ident); ok {
		return r.unchanging(id) != nil // a local function value
	}
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := r.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || r.unchanging(id) == nil {
		return false
	}
	_, ptrRecv := s.Obj().(*types.Func).Signature().Recv().Type().(*types.Pointer)
	return ptrRecv || !isPointer(r.pass.TypesInfo.TypeOf(sel.X))
}
