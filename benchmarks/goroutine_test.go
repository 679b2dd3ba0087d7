package benchmarks

import (
	"sync"
	"testing"

	"github.com/go-als/als"
	jgls "github.com/jtolds/gls"
	"github.com/timandy/routine"
)

// BenchmarkGo starts one goroutine that inherits the caller's store and
// waits for it to finish: the latency of handing work to a goroutine.
// "plain" is a go statement with a sync.WaitGroup, carrying nothing.
func BenchmarkGo(b *testing.B) {
	p := &payload{id: 1}

	b.Run("als", func(b *testing.B) {
		s := alsStorage
		var wg sync.WaitGroup
		done := func() { wg.Done() }
		s.Run(p, func() {
			b.ReportAllocs()
			for b.Loop() {
				wg.Add(1)
				als.Go(done)
				wg.Wait()
			}
		})
	})
	b.Run("plain", func(b *testing.B) {
		var wg sync.WaitGroup
		done := func() { wg.Done() }
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			go done() //als:ignore the baseline: a go statement that carries nothing
			wg.Wait()
		}
	})
	b.Run("routine", func(b *testing.B) {
		tl := routineTL
		var wg sync.WaitGroup
		done := func() { wg.Done() }
		routineRun(tl, p, func() {
			b.ReportAllocs()
			for b.Loop() {
				wg.Add(1)
				routine.Go(done)
				wg.Wait()
			}
		})
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jtoldsMgr
		var wg sync.WaitGroup
		done := func() { wg.Done() }
		m.SetValues(jgls.Values{jtoldsKey: p}, func() {
			b.ReportAllocs()
			for b.Loop() {
				wg.Add(1)
				jgls.Go(done)
				wg.Wait()
			}
		})
	})
}
