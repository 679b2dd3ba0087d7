package spawn

import (
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
)

// Go starts fn in a new goroutine that runs in the caller's current
// context. A panic in fn crashes the program exactly as it would in a
// plain go statement: nothing is recovered or printed instead.
func Go(fn func()) {
	if fn == nil {
		panic(errs.Nil("spawn.Go"))
	}
	if gls.Compiled() {
		// alsbuild's runtime copies the frame into the child itself, and
		// the child starts at the root execution context, as run does.
		go fn() //als:ignore compiled mode: the runtime carries the frame
		return
	}
	// Even with no context to carry, the child gets a scope of its own, so
	// that an EnterWith in it ends with it instead of waiting for the sweep.
	go run(gls.Current(), fn) //als:ignore this is the context-carrying wrapper
}

func run(f *gls.Frame, fn func()) {
	sc := gls.EnterNew(f)
	defer sc.Exit()
	fn()
}
