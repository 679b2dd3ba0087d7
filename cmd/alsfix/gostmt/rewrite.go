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
	"golang.org/x/tools/go/ast/astutil"
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
	info := r.pass.TypesInfo
	call := r.stmt.Call

	// Names the closure uses besides the copies: no copy may shadow them.
	used := map[string]bool{r.als: true, "_": true}
	static := isStatic(info, call.Fun) || r.stableFunc(call.Fun)
	if static {
		addIdents(call.Fun, used)
	}
	tuple := len(call.Args) == 1 && tupleLen(info.TypeOf(call.Args[0])) > 1
	for _, a := range call.Args {
		if !tuple && (stays(info, a) || r.stable(a)) {
			addIdents(a, used)
		}
	}
	sig, _ := types.Unalias(info.TypeOf(call.Fun)).Underlying().(*types.Signature)
	// fresh names a copy after base, or base with suffix, or base2, base3:
	// never a keyword, nor a name the closure uses, nor one that would
	// hide a visible variable, builtin or package other than self, the
	// variable that the copy copies.
	fresh := func(base, suffix string, self types.Object) string {
		free := func(name string) bool {
			if used[name] || token.IsKeyword(name) {
				return false
			}
			obj := r.lookup(name, r.stmt.Pos())
			return obj == nil || obj == self
		}
		name := base
		if !free(name) && suffix != "" && free(base+suffix) {
			name = base + suffix
		}
		for i := 2; !free(name); i++ {
			name = base + strconv.Itoa(i)
		}
		used[name] = true
		return name
	}

	var (
		edits  []analysis.TextEdit
		names  []string
		values []string
		lines  []string // assignments, when there are more than one
	)
	if !static {
		var self types.Object // go f(x) with f a variable: the copy is f := f
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			self = info.Uses[id]
		}
		name := fresh(funcName(call.Fun), "Fn", self)
		names, values = append(names, name), append(values, r.text(call.Fun))
		edits = append(edits, r.replace(call.Fun.Pos(), call.Fun.End(), name))
	}
	if tuple {
		// go f(g()) with g returning several values: they need an
		// assignment of their own.
		if len(names) > 0 {
			lines = append(lines, names[0]+" := "+values[0])
		}
		var results []string
		for i := range tupleLen(info.TypeOf(call.Args[0])) {
			base, suffix := paramName(sig, i, false, "v")
			results = append(results, fresh(base, suffix, nil))
		}
		lines = append(lines, strings.Join(results, ", ")+" := "+r.text(call.Args[0]))
		edits = append(edits, r.replace(call.Args[0].Pos(), call.Args[0].End(), strings.Join(results, ", ")))
		names, values = nil, nil
	} else {
		for i, a := range call.Args {
			if stays(info, a) || r.stable(a) {
				continue
			}
			value, ok := r.value(a)
			if !ok {
				return nil, false
			}
			var name string
			if id, ok := ast.Unparen(a).(*ast.Ident); ok {
				name = fresh(id.Name, "", info.Uses[id])
			} else {
				base, suffix := paramName(sig, i, call.Ellipsis.IsValid(), "arg")
				name = fresh(base, suffix, nil)
			}
			names, values = append(names, name), append(values, value)
			edits = append(edits, r.replace(a.Pos(), a.End(), name))
		}
	}
	if len(names) > 0 {
		lines = append(lines, strings.Join(names, ", ")+" := "+strings.Join(values, ", "))
	}

	prefix, suffix := r.als+".Go(func() { ", " })"
	end := call.End()
	if len(lines) > 0 {
		indent := r.indent()
		var b strings.Builder
		b.WriteString("{")
		if c := r.trailingComment(); c != nil {
			// Keep a comment that followed the statement on its line.
			b.WriteString(" " + c.Text)
			end = c.End()
		}
		b.WriteString("\n")
		for _, l := range lines {
			b.WriteString(indent + "\t" + l + "\n")
		}
		b.WriteString(indent + "\t" + prefix)
		prefix, suffix = b.String(), suffix+"\n"+indent+"}"
	}
	edits = append([]analysis.TextEdit{r.replace(r.stmt.Pos(), call.Pos(), prefix)}, edits...)
	edits = append(edits, r.replace(call.End(), end, suffix))
	return edits, true
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
