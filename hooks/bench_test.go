package hooks_test

import (
	"testing"

	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
)

// BenchmarkEmit is the four emitters of one resource's life, which is
// what every resource pays for hooks.
func BenchmarkEmit(b *testing.B) {
	run := func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hooks.EmitInit(7, "BENCH", 1, nil)
			hooks.EmitBefore(7)
			hooks.EmitAfter(7)
			hooks.EmitDestroy(7)
		}
	}
	b.Run("no-hooks", run)
	b.Run("one-hook", func(b *testing.B) {
		h := hooks.Create(hookstest.Noop).Enable()
		defer h.Disable()
		run(b)
	})
}
