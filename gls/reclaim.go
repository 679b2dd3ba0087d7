package gls

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// A goroutine that calls Replace outside any scope has nothing that runs
// when it ends, and Go offers no goroutine-exit hook. Such entries are put
// on a watch list, and a sweeper goroutine, alive only while the list is
// non-empty, drops those whose goroutine no longer exists. Its cost is
// paid off the hot paths: Get, Enter and Exit never touch the watch list.
//
// The sweeper learns which goroutines exist from runtime.Stack, which
// stops the world for a time proportional to the number of goroutines, so
// it spaces sweeps out to keep that below about one percent of wall time,
// and backs off while nothing it watches has ended.

var (
	sweepBase = time.Second     // first sweep after a new watch
	sweepMax  = 8 * time.Second // longest gap while nothing changes
	sweepDuty = 100             // gap ≥ sweepDuty × the last dump's duration
)

var watchList struct {
	mu      sync.Mutex
	ids     map[int64]*state
	running bool
	wake    chan struct{} // a new watch resets the back-off
}

func watch(id int64, st *state) {
	w := &watchList
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ids == nil {
		w.ids = make(map[int64]*state)
		w.wake = make(chan struct{}, 1)
	}
	w.ids[id] = st
	if !w.running {
		w.running = true
		go sweeper() //als:ignore the sweeper must not hold any request's context
		return
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Watched reports how many goroutine entries wait for the sweeper.
func Watched() int {
	watchList.mu.Lock()
	defer watchList.mu.Unlock()
	return len(watchList.ids)
}

func sweeper() {
	w := &watchList
	gap := sweepBase
	timer := time.NewTimer(gap)
	defer timer.Stop()
	for {
		select {
		case <-timer.C:
		case <-w.wake:
			if !timer.Stop() {
				<-timer.C
			}
			gap = sweepBase
			timer.Reset(gap)
			continue
		}
		start := time.Now()
		removed, left := sweepOnce()
		took := time.Since(start)
		if left == 0 {
			return
		}
		if removed == 0 {
			gap = min(gap*2, sweepMax)
		}
		gap = max(gap, time.Duration(sweepDuty)*took)
		timer.Reset(gap)
	}
}

// sweepOnce drops watched entries of goroutines that have ended. It
// reports how many it dropped and how many remain; at zero remaining it
// marks the sweeper stopped, under the lock, so a concurrent watch starts
// a new one.
func sweepOnce() (removed, left int) {
	live := liveGoroutines()
	w := &watchList
	w.mu.Lock()
	defer w.mu.Unlock()
	for id, st := range w.ids {
		if _, ok := live[id]; ok {
			continue
		}
		// Goroutine ids are never reused, so nobody else can own this key.
		remove(id, st)
		delete(w.ids, id)
		removed++
	}
	left = len(w.ids)
	if left == 0 {
		w.running = false
	}
	return removed, left
}

// liveGoroutines returns the ids of every goroutine that exists now.
func liveGoroutines() map[int64]struct{} {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	live := make(map[int64]struct{}, runtime.NumGoroutine())
	prefix := []byte("goroutine ")
	for len(buf) > 0 {
		line := buf
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			line, buf = buf[:i], buf[i+1:]
		} else {
			buf = nil
		}
		if !bytes.HasPrefix(line, prefix) {
			continue
		}
		line = line[len(prefix):]
		if i := bytes.IndexByte(line, ' '); i > 0 {
			line = line[:i]
		}
		if id, err := strconv.ParseInt(string(line), 10, 64); err == nil {
			live[id] = struct{}{}
		}
	}
	return live
}
