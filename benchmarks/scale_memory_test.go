package benchmarks

import (
	"runtime"
	"testing"
)

// BenchmarkLiveGoroutineHeap starts b.N parked goroutines, each holding a
// store, and reports what they cost while alive: heapB/goroutine is the
// growth of runtime.MemStats.HeapAlloc after a GC divided by b.N, and
// stackB/goroutine the growth of StackInuse (stacks are not heap). ns/op
// is the cost of starting one such goroutine.
//
// The runtime never frees a goroutine's g struct; it reuses dead ones. So
// that every kind is measured the same way, b.N dead goroutines are made
// available first (see reserveGoroutines), and the g structs are then
// reused and outside the measurement. The "plain" line is the floor: the als and
// routine lines minus it are what holding a store costs.
func BenchmarkLiveGoroutineHeap(b *testing.B) {
	p := &payload{id: 1}
	s := alsStorage
	tl := routineTL
	for _, kind := range []string{kindPlain, kindALS, kindRoutine} {
		b.Run(kind, func(b *testing.B) {
			n := b.N
			if raceEnabled {
				n = min(n, 4000)
			}
			b.StopTimer()
			reserveGoroutines(n)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			b.StartTimer()
			pop := startPopulation(kind, n, s, tl, p)
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&after)
			pop.stopAll()
			b.ReportMetric(perGoroutine(before.HeapAlloc, after.HeapAlloc, n), "heapB/goroutine")
			b.ReportMetric(perGoroutine(before.StackInuse, after.StackInuse, n), "stackB/goroutine")
		})
	}
}

// reserved is how many dead goroutines reserveGoroutines has made
// available for reuse; the runtime never frees them, so once is enough.
var reserved int

// reserveGoroutines makes sure n dead goroutines wait for reuse, by
// starting n plain goroutines at once and ending them, unless an earlier
// call did so for at least n already.
func reserveGoroutines(n int) {
	if n <= reserved {
		return
	}
	startPopulation(kindPlain, n, alsStorage, routineTL, nil).stopAll()
	reserved = n
}

// perGoroutine is the growth from before to after shared out over n
// goroutines; it may be negative when the heap shrank meanwhile.
func perGoroutine(before, after uint64, n int) float64 {
	return (float64(after) - float64(before)) / float64(n)
}

func TestPerGoroutine(t *testing.T) {
	for _, tc := range []struct {
		before, after uint64
		n             int
		want          float64
	}{
		{1000, 2600, 10, 160},
		{2600, 1000, 10, -160},
		{5, 5, 1, 0},
	} {
		if got := perGoroutine(tc.before, tc.after, tc.n); got != tc.want {
			t.Errorf("perGoroutine(%d, %d, %d) = %v, want %v", tc.before, tc.after, tc.n, got, tc.want)
		}
	}
}
