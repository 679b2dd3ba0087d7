package gls

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSweepReclaimsEndedGoroutines(t *testing.T) {
	k := NewKey("k")
	before := Len()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	alive := make(chan struct{})
	// One goroutine stays alive: its entry must survive every sweep.
	wg.Add(1)
	go func() { //als:ignore the test needs an unscoped entry
		defer wg.Done()
		Set(k, AnyValue("alive"))
		close(alive)
		<-stop
		v, ok := AnyOf(Current().Get(k))
		assert.True(t, ok, "a live goroutine's entry is never swept")
		assert.Equal(t, "alive", v)
	}()
	<-alive
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() { //als:ignore the test needs unscoped entries
			defer wg.Done()
			Set(k, AnyValue(i))
		}()
	}
	// Ended goroutines are reclaimed while the live one is still watched.
	require.Eventually(t, func() bool { return Len() == before+mapEntries(1) && Watched() == mapEntries(1) },
		10*time.Second, 20*time.Millisecond)
	close(stop)
	wg.Wait()
	require.Eventually(t, func() bool { return Len() == before && Watched() == 0 },
		15*time.Second, 20*time.Millisecond)
	watchList.mu.Lock()
	running := watchList.running
	watchList.mu.Unlock()
	assert.False(t, running, "the sweeper stops when it has nothing to watch")
}

func TestLiveGoroutinesSeesItself(t *testing.T) {
	_, ok := liveGoroutines()[curGoid()]
	assert.True(t, ok)
}
