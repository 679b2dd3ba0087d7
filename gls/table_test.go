package gls

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMoreGoroutinesThanSlots holds contexts in more goroutines than the
// cache has slots, so that some live in the map and move into slots that
// come free, and checks that every goroutine always finds its own value
// and that everything is removed.
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
			sc := Push(k, AnyValue(i))
			defer sc.Exit()
			ready.Done()
			<-release
			// Every goroutine now looks itself up repeatedly while the
			// others do the same and exit: slots change hands all along.
			for j := 0; j < 20; j++ {
				if v, ok := AnyOf(Get(k)); !ok || v != i {
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
	assert.Zero(t, states.Size(), "no map entry outlives its goroutine")
}

// TestCollidingGoroutinesKeepTheirSlot: a goroutine whose slot is taken
// lives in the map, never disturbs the slot's owner, and finds its state
// through its hint after the first lookup (protocol rules 1 and 2).
func TestCollidingGoroutinesKeepTheirSlot(t *testing.T) {
	if compiled {
		t.Log("compiled mode has no goroutine table")
		return
	}
	k := NewKey("k")
	ownerIn, ownerOut := make(chan *state), make(chan struct{})
	slotSharers(t, 2, func(g int) {
		switch g {
		case 0:
			sc := Push(k, AnyValue("owner"))
			_, st := lookup()
			ownerIn <- st
			<-ownerOut
			v, ok := AnyOf(Get(k))
			assert.True(t, ok)
			assert.Equal(t, "owner", v, "a colliding goroutine never takes the slot's state")
			sc.Exit()
			ownerIn <- nil
		case 1:
			owned := <-ownerIn
			id := curGoid()
			sc := Push(k, AnyValue("second"))
			_, st := lookup()
			assert.True(t, st.inMap && !st.inSlot, "the slot is taken: the state goes to the map")
			assert.Same(t, owned, slotOf(id).Load(), "the owner keeps its slot")
			assert.Same(t, st, hintOf(id).Load(), "the lookup left a hint")
			hintOf(id).Store(owned) // another goroutine may overwrite a hint
			v, ok := AnyOf(Get(k))
			assert.True(t, ok)
			assert.Equal(t, "second", v, "a hint that is not the reader's own is ignored")
			assert.Same(t, st, hintOf(id).Load(), "and replaced")
			close(ownerOut)
			<-ownerIn // the owner has left its slot
			v, ok = AnyOf(Get(k))
			assert.True(t, ok)
			assert.Equal(t, "second", v)
			sc.Exit()
			assert.Nil(t, slotOf(id).Load(), "Exit leaves slot, map and hint")
			assert.Nil(t, hintOf(id).Load())
			_, inMap := states.Load(id)
			assert.False(t, inMap)
		}
	})
}

// TestHolders names the goroutines that hold an entry, in a slot or in
// the map, and forgets them when their scopes end.
func TestHolders(t *testing.T) {
	k := NewKey("k")
	ids := make(chan int64)
	release := make(chan struct{})
	var wg sync.WaitGroup
	n := 1<<cacheBits + 500 // enough that some live in the map
	if raceEnabled && n > 3000 {
		n = 3000
	}
	for range n {
		wg.Add(1)
		go func() { //als:ignore the test needs goroutines of its own
			defer wg.Done()
			sc := Push(k, AnyValue(1))
			defer sc.Exit()
			ids <- curGoid()
			<-release
		}()
	}
	want := make([]int64, 0, n)
	for range n {
		want = append(want, <-ids)
	}
	got := Holders()
	if compiled {
		assert.Empty(t, got, "compiled mode keeps contexts in the runtime")
	} else {
		assert.Subset(t, got, want, "every goroutine in a scope is a holder")
	}
	close(release)
	wg.Wait()
	assert.NotSubset(t, Holders(), want[:1], "a goroutine whose scope ended holds nothing")
}
