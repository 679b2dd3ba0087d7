package benchmarks

import (
	"fmt"
	"testing"
)

// scaleSizes are the numbers of live goroutines BenchmarkScale reads
// beside. The race detector allows only 8128 goroutines, so under -race
// the large sizes are left out.
func scaleSizes() []int {
	if raceEnabled {
		return []int{10, 1_000}
	}
	return []int{10, 1_000, 100_000, 1_000_000}
}

// BenchmarkScale is BenchmarkGet while n other goroutines are alive, each
// started by als.Go inside Run and each holding a routine thread-local,
// so both libraries' per-goroutine state is as large as it gets. A
// context is passed per call and does not care how many goroutines
// exist; it is the flat reference line.
func BenchmarkScale(b *testing.B) {
	p, mine := &payload{id: 1}, &payload{id: 2}
	s := alsStorage
	tl := routineTL
	for _, n := range scaleSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			pop := startPopulation(kindBoth, n, s, tl, p)
			defer pop.stopAll()

			b.Run("als", func(b *testing.B) {
				s.Run(mine, func() {
					b.ReportAllocs()
					for b.Loop() {
						if v, _ := s.GetStore(); v != mine {
							b.Fatal("lost store")
						}
					}
				})
			})
			b.Run("routine", func(b *testing.B) {
				routineRun(tl, mine, func() {
					b.ReportAllocs()
					for b.Loop() {
						if tl.Get() != mine {
							b.Fatal("lost thread-local")
						}
					}
				})
			})
			b.Run("ctx-depth3", func(b *testing.B) {
				ctx := ctxChain(3, mine)
				b.ReportAllocs()
				for b.Loop() {
					if ctxGet(ctx) != mine {
						b.Fatal("lost value")
					}
				}
			})
		})
	}
}
