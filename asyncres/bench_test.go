package asyncres_test

import (
	"testing"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
)

func noop() {}

// BenchmarkNewRunInAsyncScope is Node's
// new AsyncResource(t).runInAsyncScope(fn), with no hook enabled and with
// one hook that has all four callbacks.
func BenchmarkNewRunInAsyncScope(b *testing.B) {
	// Inside a Run, as in a request handler: the goroutine has a context
	// entry, so the engine only swaps pointers in it.
	run := func(b *testing.B) {
		b.ReportAllocs()
		user.Run("bench", func() {
			for b.Loop() {
				r := asyncres.New("BENCH", asyncres.WithRequireManualDestroy())
				r.RunInAsyncScope(noop)
			}
		})
	}
	b.Run("no-hooks", run)
	b.Run("one-hook", func(b *testing.B) {
		h := hooks.Create(hookstest.Noop).Enable()
		defer h.Disable()
		run(b)
	})
}

// BenchmarkRunInAsyncScope is the scope alone, on a goroutine that
// already has a context entry, as a server's goroutines do.
func BenchmarkRunInAsyncScope(b *testing.B) {
	r := asyncres.New("BENCH")
	b.ReportAllocs()
	user.Run("bench", func() {
		for b.Loop() {
			r.RunInAsyncScope(noop)
		}
	})
}
