// Command pauses measures what reclaiming costs the rest of a busy
// program: with many parked goroutines and a few long-lived goroutines
// holding EnterWith entries (as net/http connection goroutines do), it
// records the longest non-GC stop-the-world pause (runtime/metrics
// /sched/pauses/total/other:seconds) and how late a 1 ms ticker runs,
// first with no als work at all and then with it, while a trickle of
// short-lived goroutines calls EnterWith. It also checks that no live
// entry is lost and that reclaiming keeps up with the trickle.
//
//	go run ./cmd/pauses [-parked 200000] [-for 25s]
//
// It exits with status 1 when a goal is missed.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/gls"
)

func main() {
	parked := flag.Int("parked", 200000, "parked goroutines that hold no context")
	holders := flag.Int("holders", 10, "long-lived goroutines holding EnterWith entries")
	dur := flag.Duration("for", 25*time.Second, "how long each phase runs")
	maxPause := flag.Duration("max-pause", 5*time.Millisecond, "goal: longest non-GC stop-the-world pause")
	maxLate := flag.Duration("max-late", 50*time.Millisecond, "goal: longest 1 ms ticker lateness")
	flag.Parse()

	park := make(chan struct{})
	var wg sync.WaitGroup
	for range *parked {
		wg.Add(1)
		go func() { //als:ignore parked goroutines hold no context
			defer wg.Done()
			<-park
		}()
	}
	fmt.Printf("%d parked goroutines, %d holders, %v per phase, %s\n", *parked, *holders, *dur, runtime.Version())

	base := measure(*dur, nil)
	fmt.Printf("no als work:   longest other pause %v, ticker late by up to %v\n", base.pause, base.late)

	s := als.New[int64]()
	var lost atomic.Int64
	stop := make(chan struct{})
	for i := range *holders {
		wg.Add(1)
		go func() { //als:ignore each holder enters its own store, unscoped
			defer wg.Done()
			s.EnterWith(int64(i))
			for {
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
				if v, ok := s.GetStore(); !ok || v != int64(i) {
					lost.Add(1)
				}
			}
		}()
	}
	trickle := func(quit <-chan struct{}, peak *atomic.Int64) {
		t := time.NewTicker(300 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			done := make(chan struct{})
			go func() { //als:ignore a plain goroutine with an unscoped entry
				defer close(done)
				s.EnterWith(-1)
			}()
			<-done
			peak.Store(max(peak.Load(), int64(gls.Watched()-*holders)))
		}
	}
	var peak atomic.Int64
	withAls := measure(*dur, func(quit <-chan struct{}) { trickle(quit, &peak) })
	close(stop)
	close(park)
	wg.Wait()
	// Every goroutine above has ended: their entries must go within 2 s.
	start := time.Now()
	for gls.Watched() > 0 && time.Since(start) < 5*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	gone := time.Since(start)

	fmt.Printf("with als:      longest other pause %v, ticker late by up to %v\n", withAls.pause, withAls.late)
	fmt.Printf("reclaim:       at most %d trickle entries outstanding, all ended entries gone %v after the end, %d lost reads in holders\n",
		peak.Load(), gone.Round(time.Millisecond), lost.Load())
	ok := true
	check := func(good bool, format string, args ...any) {
		if !good {
			ok = false
			fmt.Printf("GOAL MISSED: "+format+"\n", args...)
		}
	}
	check(withAls.pause <= *maxPause, "longest other pause %v > %v", withAls.pause, *maxPause)
	check(withAls.late <= *maxLate, "ticker late by %v > %v", withAls.late, *maxLate)
	check(peak.Load() <= 10, "%d trickle entries outstanding > 10", peak.Load())
	check(gls.Watched() == 0 && gone <= 2*time.Second, "ended entries took %v to go (%d left)", gone, gls.Watched())
	check(lost.Load() == 0, "%d lost reads", lost.Load())
	if !ok {
		os.Exit(1)
	}
	fmt.Println("all goals met")
}

type result struct{ pause, late time.Duration }

// measure runs work (if any) for d while a 1 ms ticker runs, and returns
// the longest non-GC stop-the-world pause and the ticker's worst lateness.
func measure(d time.Duration, work func(quit <-chan struct{})) result {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	if work != nil {
		wg.Add(1)
		go func() { //als:ignore the work goroutine needs no context
			defer wg.Done()
			work(quit)
		}()
	}
	// The same steady allocation in every phase, so that the collector,
	// which scans every parked goroutine's stack, runs in each of them.
	wg.Add(1)
	go func() { //als:ignore the allocator needs no context
		defer wg.Done()
		var keep [][]byte
		for {
			select {
			case <-quit:
				return
			case <-time.After(2 * time.Millisecond):
			}
			keep = append(keep, make([]byte, 64<<10))
			if len(keep) > 64 {
				keep = nil
			}
		}
	}()
	before := pauses()
	t := time.NewTicker(time.Millisecond)
	var late time.Duration
	last := time.Now()
	for end := last.Add(d); last.Before(end); {
		<-t.C
		now := time.Now()
		late = max(late, now.Sub(last)-time.Millisecond)
		last = now
	}
	t.Stop()
	close(quit)
	wg.Wait()
	return result{pause: longest(before, pauses()), late: late}
}

const otherPauses = "/sched/pauses/total/other:seconds"

func pauses() *metrics.Float64Histogram {
	s := []metrics.Sample{{Name: otherPauses}}
	metrics.Read(s)
	return s[0].Value.Float64Histogram()
}

// longest returns the upper bound of the highest bucket that gained
// pauses between a and b.
func longest(a, b *metrics.Float64Histogram) time.Duration {
	for i := len(b.Counts) - 1; i >= 0; i-- {
		if b.Counts[i] > a.Counts[i] {
			return time.Duration(b.Buckets[i+1] * float64(time.Second))
		}
	}
	return 0
}
