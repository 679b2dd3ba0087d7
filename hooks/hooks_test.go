package hooks_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/internal/asyncevent"
	"github.com/go-als/als/internal/panics"
)

// Hooks are process-wide: no test here runs in parallel, and each looks
// only at the events of resources it made itself.

func TestRootExecutionContext(t *testing.T) {
	// Node's top level is 1; the constant says so once, the calls below
	// say that it is what a goroutine outside any resource reports, and
	// that a resource's scope changes it and gives it back.
	assert.Equal(t, uint64(1), uint64(hooks.RootAsyncID))
	assert.Equal(t, asyncevent.RootID, hooks.RootAsyncID, "what resources take for the root is what hooks reports")
	root := func() {
		assert.Equal(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
		assert.Equal(t, uint64(0), hooks.TriggerAsyncID())
		assert.Nil(t, hooks.ExecutionAsyncResource())
	}
	check := func() {
		root()
		r := asyncres.New("SCOPE", asyncres.WithTriggerAsyncID(7))
		r.RunInAsyncScope(func() {
			assert.NotEqual(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
			assert.Equal(t, r.AsyncID(), hooks.ExecutionAsyncID())
			assert.Equal(t, uint64(7), hooks.TriggerAsyncID())
			assert.Same(t, r, hooks.ExecutionAsyncResource())
		})
		root()
	}
	check()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { //als:ignore a plain goroutine starts in the root context
		defer wg.Done()
		check()
	}()
	wg.Wait()
}

func TestLifecycle(t *testing.T) {
	rec := hookstest.Start(t)
	var initRes any
	h := hooks.Create(hooks.Callbacks{Init: func(_ uint64, typ string, _ uint64, res any) {
		if typ == "THING" {
			initRes = res
		}
	}}).Enable()
	defer h.Disable()

	r := asyncres.New("THING")
	r.RunInAsyncScope(func() {})
	r.RunInAsyncScope(func() {})
	require.NoError(t, r.EmitDestroy())
	require.ErrorIs(t, r.EmitDestroy(), asyncres.ErrAlreadyDestroyed)

	assert.Equal(t, []hookstest.Kind{
		hookstest.Init,
		hookstest.Before, hookstest.After,
		hookstest.Before, hookstest.After,
		hookstest.Destroy,
	}, rec.Kinds(r.AsyncID()))
	ev := rec.For(r.AsyncID())
	assert.Equal(t, "THING", ev[0].Type)
	assert.Equal(t, hooks.RootAsyncID, ev[0].Trigger)
	assert.Same(t, r, initRes)
	assert.Equal(t, hooks.RootAsyncID, ev[0].ExecID, "init runs in the creator's context")
	assert.Equal(t, r.AsyncID(), ev[1].ExecID, "before runs in the resource's context")
	assert.Equal(t, r.AsyncID(), ev[2].ExecID, "after runs in the resource's context")
}

func TestEnableTwiceRegistersOnce(t *testing.T) {
	var mu sync.Mutex
	inits := map[uint64]int{}
	h := hooks.Create(hooks.Callbacks{Init: func(id uint64, _ string, _ uint64, _ any) {
		mu.Lock()
		inits[id]++
		mu.Unlock()
	}})
	assert.Same(t, h, h.Enable())
	assert.Same(t, h, h.Enable())
	r := asyncres.New("TWICE")
	assert.Same(t, h, h.Disable())
	assert.Same(t, h, h.Disable())
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 1, inits[r.AsyncID()])
}

func TestDisableStopsLaterEvents(t *testing.T) {
	rec := hookstest.Start(t)
	r := asyncres.New("LIVE")
	rec.Stop()
	r.RunInAsyncScope(func() {})
	require.NoError(t, r.EmitDestroy())
	late := asyncres.New("LATE")
	late.RunInAsyncScope(func() {})

	assert.Equal(t, []hookstest.Kind{hookstest.Init}, rec.Kinds(r.AsyncID()))
	assert.Empty(t, rec.For(late.AsyncID()))
	assert.False(t, asyncevent.Enabled(), "no hook left enabled")
}

func TestHookEnabledInsideInitMissesThatInit(t *testing.T) {
	inner := hookstest.Start(t)
	inner.Stop()
	var once sync.Once
	outer := hooks.Create(hooks.Callbacks{Init: func(uint64, string, uint64, any) {
		once.Do(func() { inner.Hook().Enable() })
	}}).Enable()
	defer outer.Disable()
	defer inner.Stop()

	first := asyncres.New("FIRST")
	first.RunInAsyncScope(func() {})
	second := asyncres.New("SECOND")

	assert.Equal(t, []hookstest.Kind{hookstest.Before, hookstest.After}, inner.Kinds(first.AsyncID()),
		"the hook enabled during FIRST's init gets only FIRST's later events")
	assert.Equal(t, []hookstest.Kind{hookstest.Init}, inner.Kinds(second.AsyncID()))
}

func TestCallbacksRunInEnablingOrder(t *testing.T) {
	var mu sync.Mutex
	var order []string
	mk := func(name string) *hooks.Hook {
		return hooks.Create(hooks.Callbacks{Before: func(uint64) {
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
		}})
	}
	a, b := mk("a").Enable(), mk("b").Enable()
	r := asyncres.New("ORDER", asyncres.WithRequireManualDestroy())
	r.RunInAsyncScope(func() {})
	a.Disable()
	b.Disable()
	assert.Equal(t, []string{"a", "b"}, order)
}

// What Enable and Disable publish is what resources check before they do
// any work for hooks: whether any callback is enabled, and whether a
// destroy callback is (only then does a resource set up a GC cleanup).
func TestEnableDisablePublishCallbacks(t *testing.T) {
	enabled := func() (any, destroy bool) {
		return asyncevent.Enabled(), asyncevent.Load().HasDestroy()
	}
	check := func(wantAny, wantDestroy bool, msg string) {
		t.Helper()
		a, d := enabled()
		assert.Equal(t, wantAny, a, "any callback enabled: %s", msg)
		assert.Equal(t, wantDestroy, d, "destroy callback enabled: %s", msg)
	}
	check(false, false, "at the start")
	h := hooks.Create(hooks.Callbacks{Before: func(uint64) {}}).Enable()
	check(true, false, "a before hook")
	d := hooks.Create(hooks.Callbacks{Destroy: func(uint64) {}}).Enable()
	check(true, true, "and a destroy hook")
	d.Disable()
	check(true, false, "destroy hook disabled")
	h.Disable()
	check(false, false, "all disabled")
}

// A hook without callbacks is allowed, as Node's createHook({}) is; it
// receives nothing, and enabling it must not make resources do work for
// hooks (spawn.Go builds a resource only while a callback is enabled).
func TestHookWithoutCallbacks(t *testing.T) {
	for _, tc := range []struct {
		name string
		hook *hooks.Hook
	}{
		{"Create(Callbacks{})", hooks.Create(hooks.Callbacks{})},
		{"zero Hook", new(hooks.Hook)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := hookstest.Start(t)
			rec.Stop()
			assert.Same(t, tc.hook, tc.hook.Enable())
			defer tc.hook.Disable()
			assert.False(t, asyncevent.Enabled(), "an enabled hook without callbacks costs emitters nothing")
			r := asyncres.New("EMPTY")
			r.RunInAsyncScope(func() {})
			require.NoError(t, r.EmitDestroy())

			// With a real hook enabled beside it, that one still gets
			// every event once.
			rec.Hook().Enable()
			r = asyncres.New("BESIDE")
			r.RunInAsyncScope(func() {})
			require.NoError(t, r.EmitDestroy())
			rec.Stop()
			assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After, hookstest.Destroy},
				rec.Kinds(r.AsyncID()))
			assert.Same(t, tc.hook, tc.hook.Disable())
			assert.False(t, asyncevent.Enabled())
		})
	}
}

// Enable and Disable on a nil *Hook panic at the call, with an error
// errors.Is matches, instead of a nil dereference later.
func TestNilHookPanics(t *testing.T) {
	var h *hooks.Hook
	for name, call := range map[string]func(){
		"Enable":  func() { h.Enable() },
		"Disable": func() { h.Disable() },
	} {
		t.Run(name, func(t *testing.T) {
			err := panics.Error(t, call)
			assert.ErrorIs(t, err, hooks.ErrNilHook)
			assert.Contains(t, err.Error(), "Hook."+name)
			assert.False(t, asyncevent.Enabled(), "nothing was enabled")
		})
	}
}

func TestIDsUniqueAndNonZero(t *testing.T) {
	rec := hookstest.Start(t) // ids must be unique with hooks on too
	defer rec.Stop()
	const workers, each = 8, 500
	ids := make([][]uint64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() { //als:ignore the test needs no context
			defer wg.Done()
			for range each {
				r := asyncres.New("ID", asyncres.WithRequireManualDestroy())
				ids[w] = append(ids[w], r.AsyncID(), asyncevent.NewID())
			}
		}()
	}
	wg.Wait()
	seen := make(map[uint64]bool, workers*each*2)
	for _, list := range ids {
		for _, id := range list {
			require.NotZero(t, id)
			require.NotEqual(t, hooks.RootAsyncID, id)
			require.False(t, seen[id], "id %d handed out twice", id)
			seen[id] = true
		}
	}
}

// A panicking callback propagates to the emitter, unchanged, and the
// emitter's stores and execution id are back afterwards.
func TestPanickingCallbackPropagates(t *testing.T) {
	boom := errors.New("boom")
	store := als.New[string]()
	for _, tc := range []struct {
		name string
		cb   hooks.Callbacks
		emit func(r *asyncres.Resource)
	}{
		{"init", hooks.Callbacks{Init: func(uint64, string, uint64, any) { panic(boom) }},
			func(*asyncres.Resource) { asyncres.New("PANIC") }},
		{"before", hooks.Callbacks{Before: func(uint64) { panic(boom) }},
			func(r *asyncres.Resource) { r.RunInAsyncScope(func() {}) }},
		{"after", hooks.Callbacks{After: func(uint64) { panic(boom) }},
			func(r *asyncres.Resource) { r.RunInAsyncScope(func() {}) }},
		{"destroy", hooks.Callbacks{Destroy: func(uint64) { panic(boom) }},
			func(r *asyncres.Resource) { _ = r.EmitDestroy() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outer := asyncres.New("OUTER")
			outer.RunInAsyncScope(func() {
				store.Run("emitter", func() {
					var r *asyncres.Resource
					store.Run("resource", func() { r = asyncres.New("TARGET", asyncres.WithRequireManualDestroy()) })
					h := hooks.Create(tc.cb).Enable()
					defer h.Disable()
					got := func() (v any) {
						defer func() { v = recover() }()
						tc.emit(r)
						return nil
					}()
					assert.Same(t, boom, got)
					v, _ := store.GetStore()
					assert.Equal(t, "emitter", v)
					assert.Equal(t, outer.AsyncID(), hooks.ExecutionAsyncID())
					assert.Same(t, outer, hooks.ExecutionAsyncResource())
				})
			})
		})
	}
}

func TestAfterFiresWhenFnPanics(t *testing.T) {
	rec := hookstest.Start(t)
	r := asyncres.New("PANICKY", asyncres.WithRequireManualDestroy())
	assert.PanicsWithValue(t, "fn", func() { r.RunInAsyncScope(func() { panic("fn") }) })
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After}, rec.Kinds(r.AsyncID()))
	assert.Equal(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
}
