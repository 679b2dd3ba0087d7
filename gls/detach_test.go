package gls

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHoldsSeesEveryHolder holds contexts in more goroutines than the
// table has slots, so that entries sit in slots, in the map and in hints,
// and checks from another goroutine that Holds finds each holder while it
// holds and none after.
func TestHoldsSeesEveryHolder(t *testing.T) {
	n := 2 << cacheBits
	if raceEnabled {
		n = 1<<cacheBits + 500
	}
	k := NewKey("holds")
	ids := make([]int64, n)
	var held, wg sync.WaitGroup
	release := make(chan struct{})
	held.Add(n)
	for i := range n {
		wg.Add(1)
		go func() { //als:ignore each goroutine holds an entry of its own
			defer wg.Done()
			sc := Push(k, i)
			defer sc.Exit()
			ids[i] = GoroutineID()
			Get(k) // a second lookup leaves a map entry in its hint
			held.Done()
			<-release
		}()
	}
	held.Wait()
	for i, id := range ids {
		require.Equal(t, !compiled, Holds(id), "goroutine %d", i)
	}
	close(release)
	wg.Wait()
	for _, id := range ids {
		require.False(t, Holds(id))
	}
	assert.False(t, Holds(0))
	assert.False(t, Holds(-1))
}

// TestDetachRepublishes detaches goroutines whose entries live in slots
// and in the map (with -tags als_smalltable, nearly all collide), and
// checks that each is gone while detached, sees no value, keeps what it
// set there to itself, and finds its own value again afterwards.
func TestDetachRepublishes(t *testing.T) {
	const n = 200
	k, other := NewKey("detach"), NewKey("other")
	base := Len()
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Add(1)
		go func() { //als:ignore each goroutine holds an entry of its own
			defer wg.Done()
			if i%2 == 0 {
				Set(k, i) // an entry with no scope, watched by the reclaimer
			} else {
				sc := Push(k, i)
				defer sc.Exit()
			}
			self := GoroutineID()
			d := Detach()
			if Holds(self) && !compiled {
				errs <- "holds an entry while detached"
			}
			if _, ok := Get(k); ok {
				errs <- "sees a value while detached"
			}
			Set(other, "inside") // ends with the detachment
			sc := Push(k, -1)
			sc.Exit()
			d.Exit()
			if v, ok := Get(k); !ok || v != i {
				errs <- "lost its own value"
			}
			if _, ok := Get(other); ok {
				errs <- "kept what it set while detached"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// The Set entries are reclaimed after their goroutines ended.
	require.Eventually(t, func() bool { return Len() <= base }, 5*time.Second, sweepEvery/5)
}
