package gls

// Stress tests of the goroutine table's protocol (see table.go). Each
// runs for stress.Duration() and counts every lost and wrong read. Build
// with -tags als_smalltable to shrink the table to two slots.

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/internal/stress"
)

type reads struct{ total, lost, wrong atomic.Int64 }

func (r *reads) check(k *Key, want int64) {
	r.total.Add(1)
	v, ok := AnyOf(Get(k))
	switch {
	case !ok:
		r.lost.Add(1)
	case v.(int64) != want:
		r.wrong.Add(1)
	}
}

func (r *reads) assertNone(t *testing.T) {
	t.Helper()
	t.Logf("%d reads: %d lost, %d wrong", r.total.Load(), r.lost.Load(), r.wrong.Load())
	assert.Positive(t, r.total.Load())
	assert.Zero(t, r.lost.Load(), "reads inside the goroutine's own scope that found no value")
	assert.Zero(t, r.wrong.Load(), "reads that found another goroutine's value")
}

// slotSharers starts goroutines until n of them share one table slot and
// runs body in each of those; the others end at once. It returns after
// every body has returned.
func slotSharers(t *testing.T, n int, body func(g int)) {
	t.Helper()
	want := make(chan int, 1)
	var mu sync.Mutex
	target := -1
	found := 0
	var wg sync.WaitGroup
	for tries := 0; found < n; tries++ {
		require.Less(t, tries, 1<<22, "no %d goroutines shared a slot", n)
		ready := make(chan bool)
		wg.Add(1)
		go func() { //als:ignore each sharer starts with no context
			defer wg.Done()
			slot := slotIndex(curGoid())
			mu.Lock()
			if target < 0 {
				target = slot
			}
			mine := slot == target && found < n
			g := found
			if mine {
				found++
			}
			mu.Unlock()
			ready <- mine
			if mine {
				<-want
				want <- 0 // pass the start signal on
				body(g)
			}
		}()
		<-ready
	}
	want <- 0
	wg.Wait()
}

// TestStressSlotSharers: goroutines whose ids share a table slot loop
// Push, 20 reads, a child every 8th loop, and Exit. Whoever holds the
// slot, each must always read its own value.
func TestStressSlotSharers(t *testing.T) {
	k := NewKey("k")
	var r reads
	// The clock starts when the sharers do: finding them can take a while.
	deadline := sync.OnceValue(func() time.Time { return time.Now().Add(stress.Duration()) })
	var children sync.WaitGroup
	slotSharers(t, 4, func(g int) {
		for i := int64(0); time.Now().Before(deadline()); i++ {
			v := int64(g)<<32 | i
			sc := Push(k, AnyValue(v))
			for range 20 {
				r.check(k, v)
			}
			if i%8 == 0 {
				children.Add(1)
				go spawnedStart(func() { //als:ignore this is spawn.Go's handoff itself
					defer children.Done()
					r.check(k, v)
				})()
			}
			sc.Exit()
		}
	})
	children.Wait()
	r.assertNone(t)
}

// TestStressSweepRacesWatch: goroutines call Set outside any scope, so
// the reclaimer watches them, while sweeps run back to back among parked
// goroutines. A live goroutine's entry must never be taken.
func TestStressSweepRacesWatch(t *testing.T) {
	k := NewKey("k")
	var r reads
	park := make(chan struct{})
	var parked sync.WaitGroup
	for range stress.Goroutines(5000) / 2 {
		parked.Add(1)
		go func() { //als:ignore parked goroutines hold no context
			defer parked.Done()
			<-park
		}()
	}
	deadline := time.Now().Add(stress.Duration())
	var sweeps sync.WaitGroup
	sweeps.Add(1)
	go func() { //als:ignore the sweeper holds no context
		defer sweeps.Done()
		for time.Now().Before(deadline) {
			sweepOnce()
		}
	}()
	var wg sync.WaitGroup
	var id atomic.Int64
	for time.Now().Before(deadline) {
		for range 32 {
			wg.Add(1)
			go func() { //als:ignore the case needs unscoped entries
				defer wg.Done()
				v := id.Add(1)
				Set(k, AnyValue(v))
				for range 50 {
					r.check(k, v)
					runtime.Gosched()
				}
			}()
		}
		wg.Wait()
	}
	sweeps.Wait()
	close(park)
	parked.Wait()
	r.assertNone(t)
	assert.Eventually(t, func() bool { return Watched() == 0 }, 5*time.Second, 10*time.Millisecond)
}
