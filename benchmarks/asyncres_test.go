package benchmarks

import (
	"testing"

	"github.com/go-als/als/asyncres"
)

// BenchmarkAsyncResource creates a resource inside a context and runs a
// body in its scope, with no hook enabled: Node's
// new AsyncResource(type).runInAsyncScope(fn). No other Go library has
// resources; node/alsbench.js measures Node's.
func BenchmarkAsyncResource(b *testing.B) {
	p := &payload{id: 1}
	b.Run("als", func(b *testing.B) {
		s := alsStorage
		s.Run(p, func() {
			b.ReportAllocs()
			for b.Loop() {
				asyncres.New("BENCH").RunInAsyncScope(work)
			}
		})
	})
}
