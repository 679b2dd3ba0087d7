package als_test

// Stress tests for SPEC 18–20: GetStore inside a goroutine's own Run
// returns that Run's store whatever other goroutines do. Each case runs
// for stress.Duration() (ALS_STRESS; make stress runs minutes, make test a
// second) and counts every lost and every wrong read instead of stopping
// at the first, so a failure says how often it happens. Build with
// -tags als_smalltable to shrink the goroutine table to two slots, so
// that every goroutine collides with every other.

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/stress"
)

// reads counts the outcomes of GetStore calls whose answer is known.
type reads struct{ total, lost, wrong atomic.Int64 }

func (r *reads) check(got int64, ok bool, want int64) {
	r.total.Add(1)
	switch {
	case !ok:
		r.lost.Add(1)
	case got != want:
		r.wrong.Add(1)
	}
}

func (r *reads) assertNone(t *testing.T) {
	t.Helper()
	t.Logf("%d reads: %d lost, %d wrong", r.total.Load(), r.lost.Load(), r.wrong.Load())
	assert.Positive(t, r.total.Load(), "the stress case made no reads")
	assert.Zero(t, r.lost.Load(), "reads inside the goroutine's own Run that found no store")
	assert.Zero(t, r.wrong.Load(), "reads inside the goroutine's own Run that found another store")
}

// TestStressOwnRun is the engine issue's first measurement: thousands of
// plain goroutines loop Run + 20 GetStore, so that every Run creates and
// removes the goroutine's record, with an als.Go child every 8th loop and
// an EnterWith and an Exit of another storage mixed in.
func TestStressOwnRun(t *testing.T) {
	s, other := als.New[int64](), als.New[int64]()
	var r reads
	n := stress.Goroutines(20000)
	if !stress.Long() && n > 2000 {
		n = 2000
	}
	deadline := time.Now().Add(stress.Duration())
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() { //als:ignore each Run must create the goroutine's record
			defer wg.Done()
			for i := int64(0); time.Now().Before(deadline); i++ {
				v := int64(g)<<32 | i
				s.Run(v, func() {
					for range 20 {
						got, ok := s.GetStore()
						r.check(got, ok, v)
					}
					switch i % 8 {
					case 0:
						wg.Add(1)
						als.Go(func() {
							defer wg.Done()
							got, ok := s.GetStore()
							r.check(got, ok, v)
						})
					case 3:
						other.EnterWith(i) // ends with this Run
						got, ok := s.GetStore()
						r.check(got, ok, v)
					case 5:
						other.Exit(func() {
							got, ok := s.GetStore()
							r.check(got, ok, v)
						})
					}
				})
			}
		}()
	}
	wg.Wait()
	r.assertNone(t)
}

// TestStressRecycledAndDisabled churns als.Go children, whose goroutine
// records are recycled, while another storage is disabled and re-entered
// over and over: none of it may disturb a Run of the checked storage.
func TestStressRecycledAndDisabled(t *testing.T) {
	s, flaky := als.New[int64](), als.New[int64]()
	var r reads
	deadline := time.Now().Add(stress.Duration())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { //als:ignore the disabler needs no context
		defer wg.Done()
		for time.Now().Before(deadline) {
			flaky.Disable()
			runtime.Gosched()
		}
	}()
	workers := stress.Goroutines(64)
	for g := range workers {
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			for i := int64(0); time.Now().Before(deadline); i++ {
				v := int64(g)<<32 | i
				s.Run(v, func() {
					flaky.EnterWith(i)
					var cw sync.WaitGroup
					for range 4 {
						cw.Add(1)
						als.Go(func() {
							defer cw.Done()
							flaky.Run(-1, func() {
								got, ok := s.GetStore()
								r.check(got, ok, v)
							})
							got, ok := s.GetStore()
							r.check(got, ok, v)
						})
					}
					got, ok := s.GetStore()
					r.check(got, ok, v)
					cw.Wait()
				})
			}
		})
	}
	wg.Wait()
	r.assertNone(t)
}

// TestStressEnterWithPlainGoroutines has plain goroutines, which the
// reclaimer watches, call EnterWith and read their store for a while,
// among parked goroutines, while others end: the reclaimer must take the
// ended ones and never a live one.
func TestStressEnterWithPlainGoroutines(t *testing.T) {
	s := als.New[int64]()
	var r reads
	defer stress.Park(stress.Goroutines(5000) / 2)()

	deadline := time.Now().Add(stress.Duration())
	var wg sync.WaitGroup
	var id atomic.Int64
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() { //als:ignore spawners hold no context
			defer wg.Done()
			for time.Now().Before(deadline) {
				var gw sync.WaitGroup
				for range 16 {
					gw.Add(1)
					go func() { //als:ignore the case needs unscoped entries
						defer gw.Done()
						v := id.Add(1)
						s.EnterWith(v)
						until := time.Now().Add(20 * time.Millisecond)
						for time.Now().Before(until) {
							got, ok := s.GetStore()
							r.check(got, ok, v)
							runtime.Gosched()
						}
					}()
				}
				gw.Wait()
			}
		}()
	}
	wg.Wait()
	r.assertNone(t)
	assert.Eventually(t, func() bool { return gls.Watched() == 0 }, 5*time.Second, 10*time.Millisecond,
		"every ended goroutine's entry is reclaimed")
}

// TestReclaimKeepsUpWithATrickle is the engine issue's third measurement,
// faster: a plain goroutine calls EnterWith and ends every 20 ms. A new
// watch must not postpone reclaiming, so the entries outstanding stay
// within what 2 s of the trickle leaves, and all go within 2 s after it.
func TestReclaimKeepsUpWithATrickle(t *testing.T) {
	s := als.New[string]()
	const every = 20 * time.Millisecond
	run := max(stress.Duration(), 3*time.Second)
	limit := int(2*time.Second/every) + 10
	peak := 0
	tick := time.NewTicker(every)
	defer tick.Stop()
	var wg sync.WaitGroup
	for end := time.Now().Add(run); time.Now().Before(end); {
		<-tick.C
		wg.Add(1)
		go func() { //als:ignore the case needs unscoped entries
			defer wg.Done()
			s.EnterWith("trickle")
		}()
		peak = max(peak, gls.Watched())
	}
	wg.Wait()
	t.Logf("peak %d entries outstanding (limit %d)", peak, limit)
	assert.LessOrEqual(t, peak, limit, "reclaiming falls behind a trickle of new entries")
	assert.Eventually(t, func() bool { return gls.Watched() == 0 }, 2*time.Second, 10*time.Millisecond,
		"ended goroutines' entries are gone within 2 s")
}

// TestDisableCyclesDoNotSlowGetStore: a goroutine that enters and
// disables storage after storage keeps a frame the size of what it can
// still read (SPEC 20).
func TestDisableCyclesDoNotSlowGetStore(t *testing.T) {
	inGoroutine(t, func() {
		s, keep := als.New[int](), als.New[int]()
		keep.EnterWith(1)
		for i := range 10000 {
			s.EnterWith(i)
			s.Disable()
		}
		got, ok := keep.GetStore()
		assert.True(t, ok)
		assert.Equal(t, 1, got)
		assert.LessOrEqual(t, gls.Current().Len(), 2, "disabled storages stay in the frame")
	})
}

// TestUnreachableStoragesAreDropped: a worker that makes a storage per job
// and enters a 64 KB store keeps only the stores of storages that are
// still reachable, once the collector has run.
func TestUnreachableStoragesAreDropped(t *testing.T) {
	inGoroutine(t, func() {
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for range 500 {
			s := als.New[[]byte]()
			s.EnterWith(make([]byte, 64<<10))
		}
		runtime.GC()
		runtime.GC() // the first run queues the storages' cleanups
		als.New[int]().EnterWith(0)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		t.Logf("frame holds %d keys, heap grew %d KB after 500 jobs of 64 KB", gls.Current().Len(), held>>10)
		assert.Less(t, held, int64(4<<20), "stores of unreachable storages are still held")
	})
}

// TestManyStoragesNested: 10,000 distinct storages nested in one call
// tree stay readable, and reading one does not scan all of them.
func TestManyStoragesNested(t *testing.T) {
	const n = 10000
	ss := newStorages(n)
	start := time.Now()
	inGoroutine(t, func() {
		runNested(ss, func() {
			for _, j := range []int{0, n / 2, n - 1} {
				got, ok := ss[j].GetStore()
				assert.True(t, ok)
				assert.Equal(t, j, got, fmt.Sprint("storage ", j))
			}
		})
	})
	t.Logf("%d nested Runs of distinct storages: %v", n, time.Since(start))
}
