package asyncres

import (
	"fmt"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/asyncevent"
	"github.com/go-als/als/internal/errs"
)

// Resource is an asynchronous resource: the context and execution id
// captured when it was created, under an async id of its own. Create it
// with New; a Resource is safe for concurrent use, and RunInAsyncScope may
// run on several goroutines at once.
type Resource struct {
	// exec is what RunInAsyncScope installs as the execution context. It
	// lives inside the resource, with exec.Resource pointing back at it,
	// so entering a scope allocates nothing.
	exec    gls.Exec
	frame   *gls.Frame
	typ     string
	destroy destroyState
	// The fields add up to 64 bytes, a size class of their own; one
	// more word would make every New allocate 80 (size_internal_test.go).
}

// New returns a resource of type typ that captures the caller's context
// and tells every enabled hook Init, on the calling goroutine. It panics
// with an error wrapping ErrInvalidType when typ is empty.
func New(typ string, opts ...Option) *Resource {
	if typ == "" {
		panic(fmt.Errorf("%w: asyncres.New needs a non-empty type", ErrInvalidType))
	}
	var o Option
	for _, opt := range opts {
		if opt.hasTrigger {
			o.trigger, o.hasTrigger = opt.trigger, true
		}
		o.manual = o.manual || opt.manual
	}
	f, e := gls.Capture()
	if !o.hasTrigger {
		o.trigger = asyncevent.RootID
		if e != nil {
			o.trigger = e.AsyncID
		}
	}
	r := &Resource{frame: f, typ: typ}
	r.exec = gls.Exec{AsyncID: asyncevent.NewID(), TriggerAsyncID: o.trigger, Resource: r}
	ev := asyncevent.Load()
	if !o.manual && ev.HasDestroy() {
		r.destroy.onCollect(r) // before Init hands r out
	}
	ev.Init(r.exec.AsyncID, typ, o.trigger, r)
	return r
}

// RunInAsyncScope calls fn in the resource's context: the stores captured
// by New, with the resource as the execution context (ExecutionAsyncID
// is r.AsyncID()). Hooks get Before once the context is installed and
// After when fn returns or panics, unless Before panicked. The caller's
// context is back afterwards, and a panic from fn propagates unchanged.
//
// When no hook is enabled as the scope starts, the scope emits nothing,
// not even After to a hook enabled while fn runs: that hook missed the
// Before.
func (r *Resource) RunInAsyncScope(fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("Resource.RunInAsyncScope"))
	}
	if asyncevent.Enabled() {
		r.runWithEvents(fn)
		return
	}
	// sc is declared before the deferred closure and assigned after it,
	// so that the closure refers to sc instead of copying it. A copy of
	// a Scope just returned is a 16-byte-wide move over stores of 8 and 1
	// bytes, which stalls on store forwarding; "defer sc.Exit()" made two,
	// the hottest instructions of the scope in a profile. The assignment
	// still makes one: a Scope has too many fields for the compiler to
	// keep it in registers. A zero Scope's Exit does nothing, for the
	// case that EnterExec panics.
	var sc gls.Scope
	defer func() { sc.Exit() }()
	sc = gls.EnterExec(r.frame, &r.exec)
	fn()
}

// runWithEvents is RunInAsyncScope with the Before and After events.
func (r *Resource) runWithEvents(fn func()) {
	var sc gls.Scope
	defer func() { sc.Exit() }()
	sc = gls.EnterExec(r.frame, &r.exec)
	asyncevent.Load().Before(r.exec.AsyncID)
	defer func() { asyncevent.Load().After(r.exec.AsyncID) }()
	fn()
}

// Bind returns a function that calls fn through RunInAsyncScope.
func (r *Resource) Bind(fn func()) func() {
	if fn == nil {
		panic(errs.NilFuncTo("Resource.Bind"))
	}
	return func() { r.RunInAsyncScope(fn) }
}

// Bind returns a function that runs fn in the context current now, through
// a new resource of type typ ("bound-anonymous-fn" when typ is empty). It
// is Node's static AsyncResource.bind.
func Bind(fn func(), typ string) func() {
	if fn == nil {
		panic(errs.NilFuncTo("asyncres.Bind"))
	}
	if typ == "" {
		typ = "bound-anonymous-fn"
	}
	return New(typ).Bind(fn)
}

// AsyncID returns the resource's unique async id, never 0.
func (r *Resource) AsyncID() uint64 { return r.exec.AsyncID }

// TriggerAsyncID returns the id of the execution context that caused the
// resource: the execution id at New unless WithTriggerAsyncID said other.
func (r *Resource) TriggerAsyncID() uint64 { return r.exec.TriggerAsyncID }

// Type returns the type given to New.
func (r *Resource) Type() string { return r.typ }
