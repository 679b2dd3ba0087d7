package gls

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMoreGoroutinesThanSlots holds contexts in more goroutines than the
// cache has slots, so that some live in the map and slot owners get
// evicted by goroutines that look themselves up, and checks that every
// goroutine always finds its own value and that everything is removed.
// In compiled mode the same goroutines must find their values with no
// entry anywhere.
func TestMoreGoroutinesThanSlots(t *testing.T) {
	n := 3 << cacheBits
	if raceEnabled {
		n = 1<<cacheBits + 1000 // the race detector limits live goroutines
	}
	k := NewKey("k")
	before := Len()
	var ready, done sync.WaitGroup
	release := make(chan struct{})
	errs := make(chan string, n)
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func() { //als:ignore the test needs goroutines of its own
			defer done.Done()
			sc := Push(k, i)
			defer sc.Exit()
			ready.Done()
			<-release
			// Every goroutine now looks itself up repeatedly while the
			// others do the same and exit: slots change hands all along.
			for j := 0; j < 20; j++ {
				if v, ok := Get(k); !ok || v != i {
					errs <- "lost its own value"
					return
				}
			}
		}()
	}
	ready.Wait()
	assert.Equal(t, before+mapEntries(n), Len(), "every goroutine holds one entry, in a slot or the map")
	if !compiled {
		assert.Positive(t, states.Size(), "more goroutines than slots: some live in the map")
	}
	close(release)
	done.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	require.Equal(t, before, Len())
	assert.Zero(t, states.Size(), "no map entry outlives its goroutine, evicted or not")
}

func TestEvictRacesWithExit(t *testing.T) {
	// evict must never leave a map entry behind for a state whose owner
	// removed it meanwhile: simulate the owner winning the race.
	st := &state{}
	const id = 1 << 40
	st.where.Store(at(id, locSlot))
	w := st.where.Load()
	remove(id, st) // the owner ends first
	assert.False(t, evict(st, w), "evicting a removed state fails")
	_, ok := states.Load(id)
	assert.False(t, ok, "and takes back its map entry")
}
