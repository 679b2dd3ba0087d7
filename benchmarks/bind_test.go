package benchmarks

import (
	"testing"

	"github.com/go-als/als"
	"github.com/timandy/routine"
)

// BenchmarkBind captures the current store into a function and calls it
// once, as a callback registered now and called later would be. routine's
// equivalent is WrapTask plus Run.
func BenchmarkBind(b *testing.B) {
	p := &payload{id: 1}

	b.Run("als", func(b *testing.B) {
		s := alsStorage
		s.Run(p, func() {
			b.ReportAllocs()
			for b.Loop() {
				als.Bind(work)()
			}
		})
	})
	b.Run("routine", func(b *testing.B) {
		tl := routineTL
		routineRun(tl, p, func() {
			b.ReportAllocs()
			for b.Loop() {
				routine.WrapTask(work).Run()
			}
		})
	})
}
