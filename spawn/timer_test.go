package spawn_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/spawn"
)

func TestAfterFuncCarriesContext(t *testing.T) {
	for _, withHook := range []bool{false, true} {
		t.Run(map[bool]string{false: "no hooks", true: "hook enabled"}[withHook], func(t *testing.T) {
			if withHook {
				hookstest.Start(t)
			}
			got := make(chan string, 2)
			store.Run("timer owner", func() {
				spawn.AfterFunc(time.Millisecond, func() {
					v, _ := store.GetStore()
					got <- v
				})
			})
			spawn.AfterFunc(time.Millisecond, func() {
				_, ok := store.GetStore()
				assert.False(t, ok)
				got <- "none"
			})
			assert.ElementsMatch(t, []string{"timer owner", "none"}, []string{<-got, <-got})
		})
	}
}

// SPEC 15 for timers: a "TIMEOUT" resource with the same lifecycle.
func TestAfterFuncLifecycle(t *testing.T) {
	rec := hookstest.Start(t)
	parent := asyncresNew(t, "PARENT")
	ids := make(chan [2]uint64, 1)
	parent.RunInAsyncScope(func() {
		spawn.AfterFunc(time.Millisecond, func() {
			ids <- [2]uint64{hooks.ExecutionAsyncID(), hooks.TriggerAsyncID()}
		})
	})
	got := <-ids
	id := got[0]
	assert.Equal(t, parent.AsyncID(), got[1])
	require.True(t, rec.Await(5*time.Second, hookstest.Has(hookstest.Destroy, id)))
	ev := rec.For(id)
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After, hookstest.Destroy}, kinds(ev))
	assert.Equal(t, spawn.TypeTimeout, ev[0].Type)
	assert.Equal(t, parent.AsyncID(), ev[0].ExecID, "init runs in the caller")
}

// A timer stopped before it fires reports destroy once it is collected.
func TestStoppedTimerDestroyedByGC(t *testing.T) {
	rec := hookstest.Start(t)
	func() {
		tm := spawn.AfterFunc(time.Hour, func() {})
		require.True(t, tm.Stop())
	}()
	var init hookstest.Event
	for _, e := range rec.Events() {
		if e.Kind == hookstest.Init && e.Type == spawn.TypeTimeout {
			init = e
		}
	}
	require.NotZero(t, init.AsyncID, "the timer's init")
	require.True(t, rec.AwaitCollected(init.AsyncID))
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Destroy}, rec.Kinds(init.AsyncID))
}
