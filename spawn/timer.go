package spawn

import (
	"time"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/asyncevent"
	"github.com/go-als/als/internal/errs"
)

// AfterFunc is time.AfterFunc that runs fn in the caller's current
// context, the analogue of Node's setTimeout. The returned Timer is a
// plain *time.Timer: Stop cancels fn.
//
// While a hook is enabled the timer is an async resource of type
// "TIMEOUT": Init is emitted here, Before and After around fn, and
// Destroy after fn's first run or, for a timer stopped before it fired,
// once the timer is garbage-collected. A Reset after the timer fired runs
// fn again in the same resource, whose Destroy was already reported.
func AfterFunc(d time.Duration, fn func()) *time.Timer {
	if fn == nil {
		panic(errs.NilFuncTo("spawn.AfterFunc"))
	}
	if asyncevent.Enabled() {
		// No WithRequireManualDestroy: a stopped timer never fires, and
		// the GC then reports the destroy.
		r := asyncres.New(TypeTimeout)
		return time.AfterFunc(d, func() {
			defer r.EmitDestroy() // after a Reset it fails harmlessly: destroy was reported
			r.RunInAsyncScope(fn)
		})
	}
	// As in Go, fn gets a scope of its own even with no context to carry.
	f := gls.Current()
	return time.AfterFunc(d, func() { run(f, fn) })
}
