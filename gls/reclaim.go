package gls

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"github.com/go-als/als/internal/stacks"
)

// A goroutine that calls Set outside any scope has nothing
// that runs when it ends, and Go offers no goroutine-exit hook. Such
// entries go on the watch list, and a sweeper goroutine, alive only while
// the list is non-empty, removes those whose goroutine has ended
// (liveness.go says how it knows). Get, Enter and Exit never touch the
// watch list.
//
// The watch list's invariant: an entry is added by its own goroutine
// (watch) and removed only by a sweep, under mu, after its goroutine was
// judged ended by a test that cannot take a live goroutine:
//
//   - with the runtime.g layout: the descriptor's goid or status, read at
//     judgement time;
//   - in the fallback: absence from a runtime.Stack snapshot that began
//     after the entry was watched (seq), since a goroutine that existed
//     when the snapshot began appears in it.
//
// Sweeps run every sweepEvery, on a fixed clock that new watches do not
// reset, so a steady stream of watches cannot postpone reclaiming. The
// fallback spaces its snapshots further apart, to keep the stop-the-world
// time they cost under about one percent of wall time.

var (
	sweepEvery = 250 * time.Millisecond
	sweepDuty  = 100 // fallback: gap ≥ sweepDuty × the last snapshot's duration
)

type watched struct {
	id  int64
	g   unsafe.Pointer // the goroutine's runtime descriptor; nil without getg
	st  *state
	seq uint64 // order of watching, for the fallback's snapshots
}

var watchList struct {
	mu      sync.Mutex
	list    []watched
	seq     uint64
	running bool
}

// watch puts the calling goroutine id's state on the watch list.
func watch(id int64, st *state) {
	gp := getg()
	w := &watchList
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	w.list = append(w.list, watched{id: id, g: gp, st: st, seq: w.seq})
	if !w.running {
		w.running = true
		go sweeper() //als:ignore the sweeper must not hold any request's context
	}
}

// Watched reports how many goroutine entries wait for the sweeper.
func Watched() int {
	watchList.mu.Lock()
	defer watchList.mu.Unlock()
	return len(watchList.list)
}

// layout is how sweeps judge goroutines, decided once: nil means the
// runtime.Stack fallback.
var layout = sync.OnceValue(func() *gLayout {
	l, err := findGLayout()
	if err == nil {
		err = checkGLayout(l)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "als: %v; reclaiming with runtime.Stack, which stops the world\n", err)
		return nil
	}
	return &l
})

func sweeper() {
	w := &watchList
	gap := sweepEvery
	for {
		time.Sleep(gap)
		start := time.Now()
		sweepOnce()
		if layout() == nil {
			gap = max(sweepEvery, time.Duration(sweepDuty)*time.Since(start))
		}
		w.mu.Lock()
		if len(w.list) == 0 {
			w.running = false // under mu, so a concurrent watch starts a new sweeper
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
	}
}

// sweepOnce removes the watched entries of goroutines that have ended and
// reports how many it removed.
func sweepOnce() int { return sweepUsing(layout()) }

// sweepUsing sweeps with l, or with a runtime.Stack snapshot when l is nil.
func sweepUsing(l *gLayout) int {
	if l != nil {
		return sweepWith(func(e *watched) bool { return l.ended(e.g, e.id) })
	}
	watchList.mu.Lock()
	before := watchList.seq
	watchList.mu.Unlock()
	return sweepWith(snapshotJudge(liveGoroutines(), before))
}

// snapshotJudge judges by live, a snapshot that began after every entry
// numbered before or lower was watched: only those entries, and only if
// the snapshot lacks them.
func snapshotJudge(live map[int64]struct{}, before uint64) func(*watched) bool {
	return func(e *watched) bool {
		_, ok := live[e.id]
		return e.seq <= before && !ok
	}
}

// sweepWith removes the entries that ended reports. It releases the lock
// every sweepBatch entries so that watch never waits long.
func sweepWith(ended func(*watched) bool) (removed int) {
	const sweepBatch = 1024
	w := &watchList
	for i := 0; ; {
		w.mu.Lock()
		for stop := i + sweepBatch; i < len(w.list) && i < stop; {
			e := &w.list[i]
			if !ended(e) {
				i++
				continue
			}
			unpublishDead(e.id, e.st)
			last := len(w.list) - 1
			w.list[i] = w.list[last]
			w.list[last] = watched{}
			w.list = w.list[:last]
			removed++
		}
		done := i >= len(w.list)
		if done && cap(w.list) > 64 && len(w.list) < cap(w.list)/4 {
			w.list = append([]watched(nil), w.list...) // give back a burst's memory
		}
		w.mu.Unlock()
		if done {
			return removed
		}
	}
}

// liveGoroutines returns the ids of every goroutine that exists now. It
// stops the world for as long as runtime.Stack formats every stack: the
// fallback only.
func liveGoroutines() map[int64]struct{} {
	live := make(map[int64]struct{}, runtime.NumGoroutine())
	for id := range stacks.Each(stacks.All()) {
		live[id] = struct{}{}
	}
	return live
}
