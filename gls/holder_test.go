package gls

import (
	"sync"
	"testing"

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
			sc := Push(k, AnyValue(i))
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
