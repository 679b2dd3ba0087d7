package als

import (
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
	"github.com/go-als/als/internal/lost"
)

// Detach calls fn outside every context: inside fn no storage has a
// store, and hooks.ExecutionAsyncID reports the root. When fn returns or
// panics, the caller's context and execution context come back, and
// stores fn set with EnterWith end with it. A panic from fn propagates
// unchanged.
//
// Detach is for process-wide goroutines, such as sweepers, pool workers
// and cache refreshers, that a request happens to start but that must not
// keep its store: in compiled mode a plain go statement inside fn starts
// with no context, and als.Go inside fn carries none. While the
// context-loss detector is on (ALS_DEBUG=lost), Detach also lists every
// goroutine before and after fn, which stops the world briefly, so that
// the goroutines fn starts are not reported as losses.
func Detach(fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("als.Detach"))
	}
	if lost.On.Load() {
		// The detector must know the goroutines fn starts: they lose the
		// context on purpose.
		defer lost.Detaching()()
	}
	// The empty frame and the root execution context, as a scope: what fn
	// sets, even with EnterWith, lands in the scope and ends with it.
	sc := gls.EnterExec(nil, nil)
	defer sc.Exit()
	fn()
}
