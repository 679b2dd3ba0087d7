package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Most goroutines that live as long as the process (read loops,
// flushers, reconnectors) should not inherit the request that happened to
// start them. The report points them out, so that a user marks them
// //als:ignore before applying the fix.

// funcBodies maps the functions and methods declared in the package to
// their bodies.
func funcBodies(pass *analysis.Pass) map[*types.Func]*ast.BlockStmt {
	bodies := make(map[*types.Func]*ast.BlockStmt)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					bodies[fn] = fd.Body
				}
			}
		}
	}
	return bodies
}

// longLived says why the goroutine that runs fun looks long-lived, or
// returns "": its name ends in "loop", or its body, which fun may name or
// be, has a for statement with no condition and no way out, or is a loop
// at its top level with no condition or over a channel.
func longLived(info *types.Info, bodies map[*types.Func]*ast.BlockStmt, fun ast.Expr) string {
	var name string
	var body *ast.BlockStmt
	switch e := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		body = e.Body
	case *ast.Ident:
		name = e.Name
		if fn, ok := info.Uses[e].(*types.Func); ok {
			body = bodies[fn.Origin()]
		}
	case *ast.SelectorExpr:
		name = e.Sel.Name
		if fn, ok := info.Uses[e.Sel].(*types.Func); ok {
			body = bodies[fn.Origin()]
		}
	case *ast.IndexExpr: // an instantiated generic function
		return longLived(info, bodies, e.X)
	case *ast.IndexListExpr:
		return longLived(info, bodies, e.X)
	}
	if strings.HasSuffix(strings.ToLower(name), "loop") {
		return name + " is named as a loop"
	}
	who := name
	if who == "" {
		who = "its body"
	}
	switch {
	case body == nil:
	case hasEndlessFor(body):
		return who + " has a for loop with no exit"
	case loopsAtTop(info, body):
		return who + " is a loop that runs until told to stop"
	}
	return ""
}

// loopsAtTop reports whether one of body's own statements is a for with
// no condition or a range over a channel: the shape of a worker, a
// dispatcher or a flusher, which returns when something tells it to.
func loopsAtTop(info *types.Info, body *ast.BlockStmt) bool {
	for _, s := range body.List {
		if l, ok := s.(*ast.LabeledStmt); ok {
			s = l.Stmt
		}
		switch s := s.(type) {
		case *ast.ForStmt:
			if s.Cond == nil {
				return true
			}
		case *ast.RangeStmt:
			if _, ok := types.Unalias(info.TypeOf(s.X)).Underlying().(*types.Chan); ok {
				return true
			}
		}
	}
	return false
}

// hasEndlessFor reports whether body, outside the function literals in it,
// holds a for statement with no condition whose body has no return, no
// goto and no break out of it.
func hasEndlessFor(body *ast.BlockStmt) bool {
	found := false
	var labels = make(map[*ast.ForStmt]string)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			if f, ok := n.Stmt.(*ast.ForStmt); ok {
				labels[f] = n.Label.Name
			}
		case *ast.ForStmt:
			if n.Cond == nil && !exits(n.Body, labels[n], 0) {
				found = true
			}
		}
		return !found
	})
	return found
}

// exits reports whether n has a return or goto, a break labeled label,
// or an unlabeled break at depth 0 (not inside an inner for, range,
// switch or select, which it would end instead).
func exits(n ast.Node, label string, depth int) bool {
	out := false
	ast.Inspect(n, func(c ast.Node) bool {
		if out || c == nil {
			return false
		}
		switch c := c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			out = true
		case *ast.BranchStmt:
			switch {
			case c.Tok == token.GOTO:
				out = true
			case c.Tok == token.BREAK && c.Label == nil && depth == 0:
				out = true
			case c.Tok == token.BREAK && c.Label != nil && c.Label.Name == label && label != "":
				out = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if c != n {
				var inner ast.Node
				switch c := c.(type) {
				case *ast.ForStmt:
					inner = c.Body
				case *ast.RangeStmt:
					inner = c.Body
				case *ast.SwitchStmt:
					inner = c.Body
				case *ast.TypeSwitchStmt:
					inner = c.Body
				case *ast.SelectStmt:
					inner = c.Body
				}
				out = out || exits(inner, label, depth+1)
				return false
			}
		}
		return true
	})
	return out
}
