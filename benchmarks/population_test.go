package benchmarks

import (
	"sync"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/gls"
	"github.com/stretchr/testify/require"
	"github.com/timandy/routine"
)

// A population is a set of parked goroutines, each holding a store, kept
// alive while something is measured beside them.
type population struct {
	stop   chan struct{}
	exited sync.WaitGroup
}

// How each goroutine of a population is started and what it holds.
const (
	kindPlain   = "plain"   // a go statement; holds nothing
	kindALS     = "als"     // als.Go inside Run; holds the Run's store
	kindRoutine = "routine" // a go statement that sets an InheritableThreadLocal
	kindBoth    = "both"    // als.Go inside Run, and sets the thread-local too
)

// startPopulation starts n goroutines of the given kind and returns once
// every one of them holds its store and is parked.
func startPopulation(kind string, n int, s *als.Storage[*payload], tl routine.ThreadLocal[*payload], p *payload) *population {
	pop := &population{stop: make(chan struct{})}
	var ready sync.WaitGroup
	ready.Add(n)
	pop.exited.Add(n)
	// One shared body per kind, built once, so that starting a goroutine
	// allocates only what the library itself needs.
	parked := func() {
		ready.Done()
		<-pop.stop
		pop.exited.Done()
	}
	withTL := func() {
		tl.Set(p)
		ready.Done()
		<-pop.stop
		tl.Remove()
		pop.exited.Done()
	}
	switch kind {
	case kindPlain:
		for range n {
			go parked() //als:ignore the baseline population carries nothing
		}
	case kindRoutine:
		for range n {
			go withTL() //als:ignore routine's population: each sets its own thread-local
		}
	case kindALS, kindBoth:
		body := parked
		if kind == kindBoth {
			body = withTL
		}
		s.Run(p, func() {
			for range n {
				als.Go(body)
			}
		})
	default:
		panic("unknown population kind " + kind)
	}
	ready.Wait()
	return pop
}

// stopAll releases every goroutine and waits until all have ended.
func (pop *population) stopAll() {
	close(pop.stop)
	pop.exited.Wait()
}

// Every population kind parks exactly n goroutines, the als ones hold
// entries in the goroutine map while alive, and nothing is left after.
func TestPopulation(t *testing.T) {
	p := &payload{id: 7}
	s := alsStorage
	tl := routineTL
	for _, tc := range []struct {
		kind    string
		entries bool
	}{
		{kindPlain, false},
		{kindALS, true},
		{kindRoutine, false},
		{kindBoth, true},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			const n = 100
			base := gls.Len()
			baseline := alstest.IgnoreCurrent()
			pop := startPopulation(tc.kind, n, s, tl, p)
			if tc.entries && !gls.Compiled() { // compiled mode keeps contexts in runtime.g, not the map
				require.Equal(t, base+n, gls.Len())
			} else {
				require.Equal(t, base, gls.Len())
			}
			pop.stopAll()
			// A goroutine signals its exit just before its als scope
			// ends, so the last entries go a moment after stopAll.
			alstest.VerifyNone(t, baseline)
		})
	}
	require.Panics(t, func() { startPopulation("nope", 1, s, tl, p) })
}
