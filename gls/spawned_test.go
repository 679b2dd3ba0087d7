package gls

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/internal/stress"
)

// spawnAndWait starts fn with Spawned from the calling goroutine, waits
// until the child has left the table, and returns the child's id.
func spawnAndWait(t *testing.T, fn func()) int64 {
	t.Helper()
	var child atomic.Int64
	done := make(chan struct{})
	start := spawnedStart(func() {
		defer close(done)
		child.Store(curGoid())
		fn()
	})
	go start() //als:ignore the goroutine under test
	<-done
	// The child unpublishes after fn returns, so wait for that too.
	require.Eventually(t, func() bool { return !Holds(child.Load()) }, 5*time.Second, time.Millisecond,
		"the child's entry outlived it")
	return child.Load()
}

func TestSpawnedStart(t *testing.T) {
	k, k2 := NewKey("k"), NewKey("k2")
	type seen struct {
		v, v2   any
		ok, ok2 bool
		exec    *Exec
	}
	tests := []struct {
		name   string
		parent func(body func()) // runs body in the parent's context
		child  func()            // runs in the child before it reads
		exit   bool              // the child ends with runtime.Goexit
		want   seen
	}{
		{
			name:   "carries the parent's frame",
			parent: func(body func()) { sc := Push(k, AnyValue("p")); defer sc.Exit(); body() },
			want:   seen{v: "p", ok: true},
		},
		{
			name: "carries nested levels not yet built into a frame",
			parent: func(body func()) {
				sc := Push(k, AnyValue("outer"))
				defer sc.Exit()
				sc2 := Push(k2, AnyValue("inner"))
				defer sc2.Exit()
				sc3 := Hide(k)
				defer sc3.Exit()
				body()
			},
			want: seen{v2: "inner", ok2: true},
		},
		{
			name:   "without context the child has none",
			parent: func(body func()) { body() },
		},
		{
			name: "starts at the root execution context",
			parent: func(body func()) {
				sc := EnterExec(nil, &Exec{AsyncID: 7})
				defer sc.Exit()
				body()
			},
		},
		{
			// The child's scope holds what Set writes outside any scope
			// of fn's, so nothing goes on the reclaimer's watch list.
			name:   "Set in the child ends with it",
			parent: func(body func()) { body() },
			child:  func() { Set(k, AnyValue("set")) },
			want:   seen{v: "set", ok: true},
		},
		{
			name:   "Goexit in the child still ends its scope",
			parent: func(body func()) { sc := Push(k, AnyValue("p")); defer sc.Exit(); body() },
			child:  func() { Set(k2, AnyValue("set")) },
			exit:   true,
			want:   seen{v: "p", ok: true, v2: "set", ok2: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			watched, holders := Watched(), Len()
			var got seen
			tt.parent(func() {
				spawnAndWait(t, func() {
					if tt.child != nil {
						tt.child()
					}
					got.v, got.ok = AnyOf(Get(k))
					got.v2, got.ok2 = AnyOf(Get(k2))
					got.exec = CurrentExec()
					if tt.exit {
						runtime.Goexit() // spawnAndWait's deferred close still runs
					}
				})
			})
			assert.Equal(t, tt.want, got)
			assert.Equal(t, watched, Watched(), "nothing left for the reclaimer")
			assert.Equal(t, holders, Len())
		})
	}
}

// A scope that fn entered and never exited must not keep its value alive
// in the recycled state: a pool that stays in use is never emptied by
// the GC, and the next child may never reach that overlay level.
func TestSpawnedDropsLeakedScopes(t *testing.T) {
	k := NewKey("k")
	var st *state
	spawnAndWait(t, func() {
		_ = Push(k, AnyValue("leaked")) // never exited
		_, st = lookup()
	})
	if Compiled() {
		assert.Nil(t, st, "compiled mode keeps contexts in the runtime")
		return
	}
	// st is back in the pool: no test of this package runs beside this
	// one, so no other goroutine has taken it.
	require.NotNil(t, st)
	require.NotNil(t, st.ov, "the leaked Push used the overlay")
	assert.Equal(t, pending{}, st.ov[0])
	assert.Zero(t, st.n)
	assert.Nil(t, st.base)
}

// TestStressSpawned: parents in scopes of their own start children with
// Spawned in batches, and the children start grandchildren the same way,
// so pooled states are recycled thousands of times while other
// goroutines hold most table slots (all of them with -tags
// als_smalltable) and one goroutine walks the table. Every child must
// read its parent's value, then its own, never a lost or foreign one.
func TestStressSpawnedStart(t *testing.T) {
	k := NewKey("k")
	var r reads
	var next atomic.Int64
	holders := Len()

	// Holders in the table, so that children collide with live entries.
	park := make(chan struct{})
	var parked sync.WaitGroup
	for range stress.Goroutines(20000) / 2 {
		parked.Add(1)
		go func() { //als:ignore a parked holder needs no parent's context
			defer parked.Done()
			sc := Push(k, AnyValue(int64(-1)))
			<-park
			sc.Exit()
		}()
	}

	deadline := time.Now().Add(stress.Duration())
	var walkers sync.WaitGroup
	walkers.Add(1)
	go func() { //als:ignore the walker reads the table, it holds no context
		defer walkers.Done()
		for time.Now().Before(deadline) {
			_ = Holders()
		}
	}()

	child := func(children *sync.WaitGroup, want int64) {
		defer children.Done()
		r.check(k, want)
		mine := next.Add(1)
		sc := Push(k, AnyValue(mine))
		for range 4 {
			r.check(k, mine)
			runtime.Gosched()
		}
		if mine%4 == 0 {
			children.Add(1)
			start := spawnedStart(func() { r.check(k, mine); children.Done() })
			go start() //als:ignore the grandchild under test
		}
		sc.Exit()
		r.check(k, want)
	}
	var parents sync.WaitGroup
	for range 4 {
		parents.Add(1)
		go func() { //als:ignore each parent makes its own context
			defer parents.Done()
			var children sync.WaitGroup
			for time.Now().Before(deadline) {
				v := next.Add(1)
				sc := Push(k, AnyValue(v))
				for range stress.Goroutines(1024) / 4 {
					children.Add(1)
					start := spawnedStart(func() { child(&children, v) })
					go start() //als:ignore the child under test
				}
				r.check(k, v)
				sc.Exit()
				children.Wait()
			}
		}()
	}
	parents.Wait()
	walkers.Wait()
	close(park)
	parked.Wait()
	r.assertNone(t)
	assert.Eventually(t, func() bool { return Len() == holders }, 5*time.Second, 10*time.Millisecond,
		"every child's and holder's entry is gone")
}
