package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// general rewrites any other call. Values that Go evaluates at the
// statement are copied into fresh variables by one assignment, in the
// order Go evaluates them; the closure passed to als.Go uses the copies:
//
//	{
//		fn, x, arg := s.method, x, next()
//		als.Go(func() { fn(x, arg) })
//	}
//
// Constants, nil, function literals and package-level functions are the
// same wherever they are evaluated, so they stay in the call.
func (r *rewriter) general() ([]analysis.TextEdit, bool) {
	c := r.newCopies()
	if !c.static {
		c.copyFunc()
	}
	if c.tuple {
		c.copyResults()
	} else if !c.copyArgs() {
		return nil, false
	}
	return r.wrap(c.assignments(), c.edits), true
}

// copies collects, for general, the values the go statement evaluates
// at once and the fresh variables that hold them.
type copies struct {
	r      *rewriter
	sig    *types.Signature // the called function's, when the call has one
	static bool             // the function value stays in the call
	tuple  bool             // go f(g()) with g returning several values
	used   map[string]bool  // names the closure uses: no copy may take one

	edits         []analysis.TextEdit // the call's text, using the copies
	names, values []string            // the assignment being built
	lines         []string            // the assignments complete
}

// newCopies reserves the names the closure uses besides the copies: the
// als package's, and those in the function and arguments that stay.
func (r *rewriter) newCopies() *copies {
	info := r.pass.TypesInfo
	call := r.stmt.Call
	c := &copies{r: r, used: map[string]bool{r.als: true, "_": true}}
	c.sig, _ = types.Unalias(info.TypeOf(call.Fun)).Underlying().(*types.Signature)
	c.static = isStatic(info, call.Fun) || r.stableFunc(call.Fun)
	if c.static {
		addIdents(call.Fun, c.used)
	}
	c.tuple = len(call.Args) == 1 && tupleLen(info.TypeOf(call.Args[0])) > 1
	for _, a := range call.Args {
		if !c.tuple && c.stays(a) {
			addIdents(a, c.used)
		}
	}
	return c
}

// stays reports whether argument a needs no copy.
func (c *copies) stays(a ast.Expr) bool {
	return stays(c.r.pass.TypesInfo, a) || c.r.stable(a)
}

// fresh names a copy after base, or base with suffix, or base2, base3:
// never a keyword, nor a name the closure uses, nor one that would hide a
// visible variable, builtin or package other than self, the variable
// that the copy copies.
func (c *copies) fresh(base, suffix string, self types.Object) string {
	free := func(name string) bool {
		if c.used[name] || token.IsKeyword(name) {
			return false
		}
		obj := c.r.lookup(name, c.r.stmt.Pos())
		return obj == nil || obj == self
	}
	name := base
	if !free(name) && suffix != "" && free(base+suffix) {
		name = base + suffix
	}
	for i := 2; !free(name); i++ {
		name = base + strconv.Itoa(i)
	}
	c.used[name] = true
	return name
}

// add copies e, whose copy's text is value, into the variable name, in
// the assignment being built, and makes the call use name instead.
func (c *copies) add(e ast.Expr, name, value string) {
	c.names, c.values = append(c.names, name), append(c.values, value)
	c.edits = append(c.edits, c.r.replace(e.Pos(), e.End(), name))
}

// flush completes the assignment being built, if it copies anything.
func (c *copies) flush() {
	if len(c.names) > 0 {
		c.lines = append(c.lines, strings.Join(c.names, ", ")+" := "+strings.Join(c.values, ", "))
	}
	c.names, c.values = nil, nil
}

// assignments returns every assignment, complete.
func (c *copies) assignments() []string {
	c.flush()
	return c.lines
}

// copyFunc copies the function value, which go evaluates at the
// statement: a method value with its receiver, a variable, a call's
// result.
func (c *copies) copyFunc() {
	fun := c.r.stmt.Call.Fun
	var self types.Object // go f(x) with f a variable: the copy is f := f
	if id, ok := ast.Unparen(fun).(*ast.Ident); ok {
		self = c.r.pass.TypesInfo.Uses[id]
	}
	c.add(fun, c.fresh(funcName(fun), "Fn", self), c.r.text(fun))
}

// copyResults copies the results of g in go f(g()), g returning several
// values: they need an assignment of their own, after the function's.
func (c *copies) copyResults() {
	arg := c.r.stmt.Call.Args[0]
	c.flush()
	var results []string
	for i := range tupleLen(c.r.pass.TypesInfo.TypeOf(arg)) {
		base, suffix := paramName(c.sig, i, false, "v")
		results = append(results, c.fresh(base, suffix, nil))
	}
	list := strings.Join(results, ", ")
	c.lines = append(c.lines, list+" := "+c.r.text(arg))
	c.edits = append(c.edits, c.r.replace(arg.Pos(), arg.End(), list))
}

// copyArgs copies every argument that does not stay, named after the
// variable it is or the parameter it is passed to. It reports false when
// an argument's copy cannot be spelled (see value).
func (c *copies) copyArgs() bool {
	call := c.r.stmt.Call
	for i, a := range call.Args {
		if c.stays(a) {
			continue
		}
		value, ok := c.r.value(a)
		if !ok {
			return false
		}
		var name string
		if id, ok := ast.Unparen(a).(*ast.Ident); ok {
			name = c.fresh(id.Name, "", c.r.pass.TypesInfo.Uses[id])
		} else {
			base, suffix := paramName(c.sig, i, call.Ellipsis.IsValid(), "arg")
			name = c.fresh(base, suffix, nil)
		}
		c.add(a, name, value)
	}
	return true
}

// wrap turns the statement into als.Go(func() { call }), the call
// changed by edits. With assignments to make first, the statement becomes
// a block that makes them, so that the copies' names stay local to it.
func (r *rewriter) wrap(assignments []string, edits []analysis.TextEdit) []analysis.TextEdit {
	call := r.stmt.Call
	prefix, suffix := r.als+".Go(func() { ", " })"
	end := call.End()
	if len(assignments) > 0 {
		indent := r.indent()
		var b strings.Builder
		b.WriteString("{")
		if c := r.trailingComment(); c != nil {
			// Keep a comment that followed the statement on its line.
			b.WriteString(" " + c.Text)
			end = c.End()
		}
		b.WriteString("\n")
		for _, l := range assignments {
			b.WriteString(indent + "\t" + l + "\n")
		}
		b.WriteString(indent + "\t" + prefix)
		prefix, suffix = b.String(), suffix+"\n"+indent+"}"
	}
	edits = append([]analysis.TextEdit{r.replace(r.stmt.Pos(), call.Pos(), prefix)}, edits...)
	return append(edits, r.replace(call.End(), end, suffix))
}

// trailingComment returns the // comment that follows the statement on the
// line where it ends, if any.
func (r *rewriter) trailingComment() *ast.Comment {
	end := r.stmt.End()
	for _, g := range r.file.Comments {
		if g.End() < end {
			continue
		}
		for _, c := range g.List {
			if c.Slash >= end && r.s.line(c.Slash) == r.s.line(end) && strings.HasPrefix(c.Text, "//") &&
				r.s.off(end) >= 0 && r.s.off(c.Slash) >= r.s.off(end) &&
				strings.TrimSpace(string(r.s.src[r.s.off(end):r.s.off(c.Slash)])) == "" {
				return c
			}
		}
	}
	return nil
}

// isStatic reports whether evaluating fun has no effect and always gives
// the same function: a package-level function (possibly instantiated), a
// method expression, a builtin or a function literal.
func isStatic(info *types.Info, fun ast.Expr) bool {
	switch e := ast.Unparen(fun).(type) {
	case *ast.Ident:
		switch info.Uses[e].(type) {
		case *types.Func, *types.Builtin:
			return true
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return sel.Kind() == types.MethodExpr
		}
		_, ok := info.Uses[e.Sel].(*types.Func) // a qualified identifier
		return ok
	case *ast.IndexExpr:
		return isStatic(info, e.X)
	case *ast.IndexListExpr:
		return isStatic(info, e.X)
	case *ast.FuncLit:
		return true
	}
	return false
}

// stays reports whether argument a can be evaluated in the new goroutine
// with the same result: a constant, nil or a function literal.
func stays(info *types.Info, a ast.Expr) bool {
	if tv, ok := info.Types[a]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	_, ok := ast.Unparen(a).(*ast.FuncLit)
	return ok
}

func tupleLen(t types.Type) int {
	if tu, ok := t.(*types.Tuple); ok {
		return tu.Len()
	}
	return 1
}

// funcName names the copy of a function value after what it calls.
func funcName(fun ast.Expr) string {
	switch e := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return lowerName(e.Sel.Name, "fn")
	}
	return "fn"
}

// paramName names the copy of argument i after sig's parameter, or else
// after fallback. The elements of a variadic list get fallback too: the
// parameter's name is that of the whole slice. The suffix is what a
// parameter's name takes when the caller uses the name already: a copy
// named numMsgsArg, not numMsgs2, which reads like another of the
// caller's own.
func paramName(sig *types.Signature, i int, spread bool, fallback string) (name, suffix string) {
	if sig == nil {
		return fallback, ""
	}
	n := sig.Params().Len()
	if i >= n || (i == n-1 && sig.Variadic() && !spread) {
		return fallback, ""
	}
	name = lowerName(sig.Params().At(i).Name(), fallback)
	if name == fallback {
		return name, ""
	}
	return name, "Arg"
}

// lowerName makes an exported name a local one (Run: run), or returns
// fallback for a name that has no natural lower-case form (URL, _).
func lowerName(name, fallback string) string {
	first, size := utf8.DecodeRuneInString(name)
	switch {
	case name == "" || name == "_":
		return fallback
	case unicode.IsLower(first):
		return name
	case unicode.IsUpper(first) && len(name) > size:
		if second, _ := utf8.DecodeRuneInString(name[size:]); unicode.IsLower(second) {
			return string(unicode.ToLower(first)) + name[size:]
		}
	}
	return fallback
}

func addIdents(n ast.Node, names map[string]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			names[id.Name] = true
		}
		return true
	})
}
