package asyncres_test

import (
	"testing"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
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
		h := hooks.Create(hooks.Callbacks{
			Init:    func(uint64, string, uint64, any) {},
			Before:  func(uint64) {},
			After:   func(uint64) {},
			Destroy: func(uint64) {},
		}).Enable()
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
