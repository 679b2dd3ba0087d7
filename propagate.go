package als

import (
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
	"github.com/go-als/als/spawn"
)

// Go starts fn in a new goroutine that sees every storage's store as it is
// now. Use it where you would write go fn(): a plain go statement starts
// with no context, except in compiled mode (cmd/alsbuild), where it
// inherits as Go does. It is [spawn.Go].
func Go(fn func()) { spawn.Go(fn) }

// Bind returns a function that calls fn in the context current now, and
// then restores the context of whoever calls it. It is Node's
// AsyncLocalStorage.bind.
func Bind(fn func()) func() {
	if fn == nil {
		panic(errs.NilFuncTo("als.Bind"))
	}
	f := gls.Current()
	return func() { runIn(f, fn) }
}

// Snapshot captures the context current now and returns a function that
// runs any fn in it. It is Node's AsyncLocalStorage.snapshot.
func Snapshot() func(fn func()) {
	f := gls.Current()
	return func(fn func()) {
		if fn == nil {
			panic(errs.NilFuncTo("als.Snapshot"))
		}
		runIn(f, fn)
	}
}

// runIn calls fn in the captured frame f, then restores the caller's
// context, also when fn panics: what Bind, its bound forms, Snapshot and
// RunContext do with the frame they hold.
func runIn(f *gls.Frame, fn func()) {
	sc := gls.Enter(f)
	defer sc.Exit()
	fn()
}

// Call runs fn with store as s's store, like Run, and returns fn's result.
func Call[T, R any](s *Storage[T], store T, fn func() R) R {
	if fn == nil {
		panic(errs.NilFuncTo("als.Call"))
	}
	var r R
	s.Run(store, func() { r = fn() })
	return r
}
