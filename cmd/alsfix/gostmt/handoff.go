package gostmt

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// A handoff is a function of the standard library or x/sync that runs a
// function it is given in a goroutine of its own, which starts with no als
// context. The fix wraps that function in a bound form of package als,
// which carries the caller's context into it.
type handoff struct {
	name  string // types.Func.FullName, which includes the package path
	show  string // how messages name it
	param int    // the index of the function parameter
	bind  string // the bound form of package als that fits the parameter
	recv  string // for methods: the name a wrapper gives the receiver
}

var handoffs = []handoff{
	{name: "(*sync.WaitGroup).Go", show: "sync.WaitGroup.Go", param: 0, bind: "Bind", recv: "wg"},
	{name: "(*golang.org/x/sync/errgroup.Group).Go", show: "errgroup.Group.Go", param: 0, bind: "BindErr", recv: "g"},
	{name: "(*golang.org/x/sync/errgroup.Group).TryGo", show: "errgroup.Group.TryGo", param: 0, bind: "BindErr", recv: "g"},
	{name: "time.AfterFunc", show: "time.AfterFunc", param: 1, bind: "Bind"},
	{name: "context.AfterFunc", show: "context.AfterFunc", param: 1, bind: "Bind"},
}

// boundForms are the functions of package als whose result already
// carries the context: an argument made by one of them needs no fix.
var boundForms = map[string]bool{
	ImportPath + ".Bind":    true,
	ImportPath + ".BindErr": true,
	ImportPath + ".BindArg": true,
}

// handoffOf returns the handoff that obj is, matched by the function's
// identity (package path, receiver type and name), so that a method of
// the same name on another type is not one.
func handoffOf(obj types.Object) *handoff {
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	name := fn.Origin().FullName()
	for i := range handoffs {
		if handoffs[i].name == name {
			return &handoffs[i]
		}
	}
	return nil
}

// A handoffUse is a place where a file hands a function to a handoff: a
// call, or the handoff taken as a value (f := wg.Go; g := time.AfterFunc;
// h := (*sync.WaitGroup).Go), whose calls the analyzer cannot follow.
type handoffUse struct {
	h    *handoff
	call *ast.CallExpr // nil for a value
	expr ast.Expr      // the handoff's expression: wg.Go, time.AfterFunc
}

// pos is where the use is reported and where //als:ignore is looked for.
func (u handoffUse) pos() token.Pos {
	if sel, ok := ast.Unparen(u.expr).(*ast.SelectorExpr); ok {
		return sel.Sel.Pos()
	}
	return u.expr.Pos()
}

// findHandoffs returns the uses of handoffs in file, except calls whose
// function argument is bound already.
func findHandoffs(info *types.Info, file *ast.File) []handoffUse {
	var uses []handoffUse
	called := make(map[ast.Expr]bool)
	seen := make(map[*ast.Ident]bool) // the Sel of a selector already looked at
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fun := ast.Unparen(n.Fun)
			called[fun] = true
			if h := handoffOf(typeutil.Callee(info, n)); h != nil && len(n.Args) > h.param && !n.Ellipsis.IsValid() {
				if !isBound(info, n.Args[h.param]) {
					uses = append(uses, handoffUse{h: h, call: n, expr: fun})
				}
			}
		case *ast.SelectorExpr:
			seen[n.Sel] = true
			if called[n] {
				return true
			}
			var obj types.Object
			if sel, ok := info.Selections[n]; ok {
				obj = sel.Obj()
			} else {
				obj = info.Uses[n.Sel]
			}
			if h := handoffOf(obj); h != nil {
				uses = append(uses, handoffUse{h: h, expr: n})
			}
		case *ast.Ident:
			if !called[n] && !seen[n] {
				if h := handoffOf(info.Uses[n]); h != nil { // a dot import
					uses = append(uses, handoffUse{h: h, expr: n})
				}
			}
		}
		return true
	})
	return uses
}

// isBound reports whether arg is a call of a bound form of package als.
func isBound(info *types.Info, arg ast.Expr) bool {
	call, ok := ast.Unparen(arg).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Pkg() != nil && boundForms[fn.Pkg().Path()+"."+fn.Name()]
}

// handoffMessage is the report for a use of a handoff.
func handoffMessage(u handoffUse) string {
	if u.call == nil {
		return u.h.show + " used as a value: the functions it runs lose the als context; wrap it to bind them with als." +
			u.h.bind + ", or mark it " + Directive + " <reason>"
	}
	return u.h.show + " runs its function without the als context: wrap the function in als." + u.h.bind +
		", or mark the call " + Directive + " <reason>"
}

// handoffEdits returns the fix for a use, in the file whose name for
// package als is alsName, or false when there is none.
func handoffEdits(pass *analysis.Pass, file *ast.File, u handoffUse, alsName string, text func(ast.Node) string) ([]analysis.TextEdit, bool) {
	if u.call != nil {
		arg := u.call.Args[u.h.param]
		if tv, ok := pass.TypesInfo.Types[arg]; ok && tv.IsNil() {
			return nil, false // a nil function fails either way; Bind would fail sooner
		}
		return []analysis.TextEdit{
			{Pos: arg.Pos(), End: arg.Pos(), NewText: []byte(alsName + "." + u.h.bind + "(")},
			{Pos: arg.End(), End: arg.End(), NewText: []byte(")")},
		}, true
	}
	w, ok := wrapper(pass, file, u, alsName, text)
	if !ok {
		return nil, false
	}
	return []analysis.TextEdit{{Pos: u.expr.Pos(), End: u.expr.End(), NewText: []byte(w)}}, true
}

// wrapper returns a function literal that stands for the handoff taken as
// a value and binds the function it is given:
//
//	time.AfterFunc        func(d time.Duration, f func()) *time.Timer { return time.AfterFunc(d, als.Bind(f)) }
//	(*sync.WaitGroup).Go  func(wg *sync.WaitGroup, f func()) { wg.Go(als.Bind(f)) }
//	wg.Go                 func(f func()) { wg.Go(als.Bind(f)) }
//
// The last form names wg again at every call, which is the same as
// evaluating it once only when wg is a variable that the method value
// takes the address of. Any other receiver is evaluated once, as Go
// evaluates a method value, by a literal that binds it:
//
//	func(g *errgroup.Group) func(f func() error) { return func(f func() error) { g.Go(als.BindErr(f)) } }(s.group)
func wrapper(pass *analysis.Pass, file *ast.File, u handoffUse, alsName string, text func(ast.Node) string) (string, bool) {
	info := pass.TypesInfo
	fn := handoffFunc(info, u.expr)
	if fn == nil {
		return "", false
	}
	sig := fn.Signature()
	var missing bool
	qual := qualifier(pass, file, u.expr.Pos(), &missing)
	w, ok := wrapperText(info, u, fn, sig, qual, alsName, file, text)
	if missing {
		return "", false
	}
	return w, ok
}

func wrapperText(info *types.Info, u handoffUse, fn *types.Func, sig *types.Signature, qual types.Qualifier, alsName string, file *ast.File, text func(ast.Node) string) (string, bool) {
	used := map[string]bool{alsName: true}
	for _, spec := range file.Imports {
		if pn := info.PkgNameOf(spec); pn != nil {
			used[pn.Name()] = true
		}
	}
	var params, args []string
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		name := p.Name()
		if name == "" || name == "_" || used[name] {
			return "", false
		}
		used[name] = true
		params = append(params, name+" "+types.TypeString(p.Type(), qual))
		arg := name
		if i == u.h.param {
			arg = alsName + "." + u.h.bind + "(" + name + ")"
		}
		args = append(args, arg)
	}
	results := ""
	if r := sig.Results(); r.Len() > 0 {
		results = " " + types.TypeString(r.At(0).Type(), qual)
		if r.Len() > 1 {
			return "", false
		}
	}
	ret := ""
	if results != "" {
		ret = "return "
	}
	call := func(callee string) string {
		return ret + callee + "(" + strings.Join(args, ", ") + ")"
	}
	lit := func(callee string) string {
		return "func(" + strings.Join(params, ", ") + ")" + results + " { " + call(callee) + " }"
	}

	sel, isSel := ast.Unparen(u.expr).(*ast.SelectorExpr)
	selection := info.Selections[sel]
	switch {
	case sig.Recv() == nil: // time.AfterFunc, context.AfterFunc
		return lit(text(u.expr)), true
	case isSel && selection != nil && selection.Kind() == types.MethodExpr:
		recv := u.h.recv
		if used[recv] {
			return "", false
		}
		recvType := types.TypeString(sig.Recv().Type(), qual)
		params = append([]string{recv + " " + recvType}, params...)
		return lit(recv + "." + fn.Name()), true
	case isSel && selection != nil && selection.Kind() == types.MethodVal:
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && addressedVariable(info, id) && !used[id.Name] {
			return lit(id.Name + "." + fn.Name()), true
		}
		recv := u.h.recv
		if used[recv] {
			return "", false
		}
		recvType := types.TypeString(sig.Recv().Type(), qual)
		value := text(sel.X)
		if _, isPtr := types.Unalias(info.TypeOf(sel.X)).Underlying().(*types.Pointer); !isPtr {
			value = "&" + value
		}
		funcType := "func(" + strings.Join(paramTypes(sig, qual), ", ") + ")" + results
		return "func(" + recv + " " + recvType + ") " + funcType + " { return " + lit(recv+"."+fn.Name()) + " }(" + value + ")", true
	}
	return "", false
}

// handoffFunc returns the function that expr, a handoff's expression,
// denotes.
func handoffFunc(info *types.Info, expr ast.Expr) *types.Func {
	switch e := ast.Unparen(expr).(type) {
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			fn, _ := sel.Obj().(*types.Func)
			return fn
		}
		fn, _ := info.Uses[e.Sel].(*types.Func)
		return fn
	case *ast.Ident:
		fn, _ := info.Uses[e].(*types.Func)
		return fn
	}
	return nil
}

func paramTypes(sig *types.Signature, qual types.Qualifier) []string {
	var out []string
	for i := range sig.Params().Len() {
		out = append(out, types.TypeString(sig.Params().At(i).Type(), qual))
	}
	return out
}

// addressedVariable reports whether x is a variable, not a pointer, named
// by an identifier: a method value with a pointer receiver takes its
// address, which is the same wherever and whenever it is taken.
func addressedVariable(info *types.Info, x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	_, isPtr := types.Unalias(v.Type()).Underlying().(*types.Pointer)
	return !isPtr
}

// qualifier spells the packages of types as the file imports them at pos.
// It sets *missing when a package is not imported under a name visible
// there, and the text it helped make is unusable.
func qualifier(pass *analysis.Pass, file *ast.File, pos token.Pos, missing *bool) types.Qualifier {
	names := make(map[*types.Package]string)
	for _, spec := range file.Imports {
		pn := pass.TypesInfo.PkgNameOf(spec)
		if pn != nil && pn.Name() != "_" && pn.Name() != "." && lookup(pass, pn.Name(), pos) == types.Object(pn) {
			names[pn.Imported()] = pn.Name()
		}
	}
	return func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		name, found := names[p]
		if !found {
			*missing = true
		}
		return name
	}
}
