package spawn

import (
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/asyncevent"
	"github.com/go-als/als/internal/errs"
	"github.com/go-als/als/internal/handoff"
)

// Go starts fn in a new goroutine that runs in the caller's current
// context. A panic in fn crashes the program exactly as it would in a
// plain go statement: nothing is recovered or printed instead.
//
// While a hook is enabled, the goroutine is an async resource of type
// "GOROUTINE": Init is emitted here, in the caller, with the caller's
// execution id as trigger; Before and After around fn in the child, where
// ExecutionAsyncID is the resource's id; then Destroy. While no hook is
// enabled Go builds no resource, and fn runs in the root execution context
// (ExecutionAsyncID is hooks.RootAsyncID) with the caller's stores.
func Go(fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("spawn.Go"))
	}
	if asyncevent.Enabled() {
		r := asyncres.New(TypeGoroutine, asyncres.WithRequireManualDestroy())
		go runResource(r, fn) //als:ignore this is the context-carrying wrapper
		return
	}
	// Even with no context to carry, the child gets a scope of its own, so
	// that an EnterWith in it ends with it instead of waiting for the sweep.
	// In compiled mode start is fn: alsbuild's runtime copies the frame
	// into the child itself, and the child starts at the root execution
	// context, as it does here.
	start := handoff.Start(fn)
	go start() //als:ignore this is the context-carrying wrapper
}

// run runs fn in frame f, in a scope of its own: the body of AfterFunc's
// timer. A timer's func is made at AfterFunc and may run again after a
// Reset, so it cannot be a handoff.Start body, which runs once.
func run(f *gls.Frame, fn func()) {
	sc := gls.Enter(f)
	defer sc.Exit()
	fn()
}

// runResource runs fn in r's scope and destroys r. The deferred destroy
// also covers runtime.Goexit; a panic never stops here, so it reaches the
// runtime with its original value and crashes the program.
func runResource(r *asyncres.Resource, fn func()) {
	defer r.EmitDestroy() // destroyed only here, so it cannot fail
	r.RunInAsyncScope(fn)
}
