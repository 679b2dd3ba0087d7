package asyncres_test

import (
	"errors"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/internal/panics"
)

// SPEC 12: a resource captures the stores and the execution id at
// construction, and its scope makes it the execution context.
func TestCapturesContextAtConstruction(t *testing.T) {
	user := als.New[string]()
	tenant := als.New[int]()
	var r *asyncres.Resource
	user.Run("alice", func() {
		tenant.Run(7, func() { r = asyncres.New("REQUEST") })
	})
	assert.Equal(t, hooks.RootAsyncID, r.TriggerAsyncID(), "default trigger is the execution id at New")
	assert.Equal(t, "REQUEST", r.Type())

	user.Run("bob", func() { // the caller's context must not leak in
		r.RunInAsyncScope(func() {
			u, ok := user.GetStore()
			assert.True(t, ok)
			assert.Equal(t, "alice", u)
			n, _ := tenant.GetStore()
			assert.Equal(t, 7, n)
			assert.Equal(t, r.AsyncID(), hooks.ExecutionAsyncID())
			assert.Equal(t, r.TriggerAsyncID(), hooks.TriggerAsyncID())
			assert.Same(t, r, hooks.ExecutionAsyncResource())
		})
		u, _ := user.GetStore()
		assert.Equal(t, "bob", u, "the caller's store is back")
	})
	assert.Equal(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
	assert.Nil(t, hooks.ExecutionAsyncResource())
}

func TestNestedResourceTrigger(t *testing.T) {
	outer := asyncres.New("OUTER")
	var inner, explicit *asyncres.Resource
	outer.RunInAsyncScope(func() {
		inner = asyncres.New("INNER")
		explicit = asyncres.New("EXPLICIT", asyncres.WithTriggerAsyncID(42))
		inner.RunInAsyncScope(func() {
			assert.Equal(t, inner.AsyncID(), hooks.ExecutionAsyncID())
			assert.Equal(t, outer.AsyncID(), hooks.TriggerAsyncID())
		})
		assert.Equal(t, outer.AsyncID(), hooks.ExecutionAsyncID(), "outer scope is back")
	})
	assert.Equal(t, outer.AsyncID(), inner.TriggerAsyncID())
	assert.Equal(t, uint64(42), explicit.TriggerAsyncID())
	assert.NotEqual(t, outer.AsyncID(), inner.AsyncID())
}

func TestRunInAsyncScopeConcurrently(t *testing.T) {
	store := als.New[int]()
	var r *asyncres.Resource
	store.Run(99, func() { r = asyncres.New("SHARED") })
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() { //als:ignore each goroutine brings its own context to test isolation
			defer wg.Done()
			store.Run(i, func() {
				r.RunInAsyncScope(func() {
					v, _ := store.GetStore()
					assert.Equal(t, 99, v)
					assert.Equal(t, r.AsyncID(), hooks.ExecutionAsyncID())
				})
				v, _ := store.GetStore()
				assert.Equal(t, i, v)
			})
		}()
	}
	wg.Wait()
}

// SPEC 4 for RunInAsyncScope: the panic propagates unchanged, the
// context and execution id come back, and After fires. With no hook
// enabled the scope takes another path, which must restore as much.
func TestRunInAsyncScopePanic(t *testing.T) {
	for _, withHook := range []bool{false, true} {
		t.Run(map[bool]string{false: "no hooks", true: "hook enabled"}[withHook], func(t *testing.T) {
			var rec *hookstest.Recorder
			if withHook {
				rec = hookstest.Start(t)
			}
			store := als.New[string]()
			boom := errors.New("boom")
			var r *asyncres.Resource
			store.Run("resource", func() { r = asyncres.New("PANIC", asyncres.WithRequireManualDestroy()) })
			outer := asyncres.New("OUTER", asyncres.WithRequireManualDestroy())
			outer.RunInAsyncScope(func() {
				store.Run("caller", func() {
					got := func() (v any) {
						defer func() { v = recover() }()
						r.RunInAsyncScope(func() { panic(boom) })
						return nil
					}()
					assert.Same(t, boom, got)
					v, _ := store.GetStore()
					assert.Equal(t, "caller", v)
					assert.Equal(t, outer.AsyncID(), hooks.ExecutionAsyncID())
					assert.Same(t, outer, hooks.ExecutionAsyncResource())
				})
			})
			assert.Equal(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
			alstest.VerifyNone(t)
			if withHook {
				assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After}, rec.Kinds(r.AsyncID()))
			}
		})
	}
}

// SPEC 13: before and after come in pairs. A scope that started while no
// hook was enabled emits nothing, so a hook enabled inside it gets no
// After without its Before; one enabled inside a scope that had hooks
// gets that scope's After.
func TestHookEnabledDuringScope(t *testing.T) {
	late := hookstest.Start(t)
	late.Stop()

	r := asyncres.New("QUIET", asyncres.WithRequireManualDestroy())
	r.RunInAsyncScope(func() { late.Hook().Enable() })
	late.Stop()
	assert.Empty(t, late.For(r.AsyncID()), "no hook at the start: no events at all")

	early := hookstest.Start(t)
	r = asyncres.New("BUSY", asyncres.WithRequireManualDestroy())
	r.RunInAsyncScope(func() { late.Hook().Enable() })
	late.Stop()
	early.Stop()
	assert.Equal(t, []hookstest.Kind{hookstest.After}, late.Kinds(r.AsyncID()))
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After}, early.Kinds(r.AsyncID()))
}

func TestBind(t *testing.T) {
	rec := hookstest.Start(t)
	store := als.New[string]()
	var method, static func()
	var got []string
	record := func() {
		v, _ := store.GetStore()
		got = append(got, v)
	}
	var r *asyncres.Resource
	store.Run("bound", func() {
		r = asyncres.New("METHOD", asyncres.WithRequireManualDestroy())
		method = r.Bind(record)
		static = asyncres.Bind(func() {
			record()
			res, ok := hooks.ExecutionAsyncResource().(*asyncres.Resource)
			require.True(t, ok)
			got = append(got, res.Type())
		}, "")
	})
	store.Run("caller", func() {
		method()
		static()
		record()
	})
	assert.Equal(t, []string{"bound", "bound", "bound-anonymous-fn", "caller"}, got)
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After}, rec.Kinds(r.AsyncID()))

	named := asyncres.Bind(func() {
		assert.Equal(t, "NAMED", hooks.ExecutionAsyncResource().(*asyncres.Resource).Type())
	}, "NAMED")
	named()
}

func TestEmitDestroyOnce(t *testing.T) {
	rec := hookstest.Start(t)
	r := asyncres.New("ONCE")
	require.NoError(t, r.EmitDestroy())
	err := r.EmitDestroy()
	require.ErrorIs(t, err, asyncres.ErrAlreadyDestroyed)
	assert.Contains(t, err.Error(), "ONCE")
	r.RunInAsyncScope(func() {}) // still allowed, like Node
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Destroy, hookstest.Before, hookstest.After},
		rec.Kinds(r.AsyncID()))
}

// Concurrent EmitDestroy calls report Destroy once between them, for a
// resource that only EmitDestroy destroys and for one the garbage
// collector would report too.
func TestEmitDestroyOnceConcurrently(t *testing.T) {
	for name, opts := range map[string][]asyncres.Option{
		"manual":          {asyncres.WithRequireManualDestroy()},
		"collector-armed": nil,
	} {
		t.Run(name, func(t *testing.T) {
			rec := hookstest.Start(t)
			r := asyncres.New("RACE", opts...)
			const callers = 8
			errs := make([]error, callers)
			var wg sync.WaitGroup
			for i := range callers {
				wg.Add(1)
				go func() { //als:ignore the callers need no context
					defer wg.Done()
					errs[i] = r.EmitDestroy()
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else {
					assert.ErrorIs(t, err, asyncres.ErrAlreadyDestroyed)
				}
			}
			assert.Equal(t, 1, ok, "one EmitDestroy succeeds")
			runtime.KeepAlive(r)
			assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Destroy}, rec.Kinds(r.AsyncID()))
		})
	}
}

// SPEC 14: a collected resource reports Destroy while a destroy hook is
// enabled, unless it requires manual destroy or was made with no destroy
// hook enabled.
func TestGarbageCollectedResourceDestroys(t *testing.T) {
	newID := func(opts ...asyncres.Option) uint64 { return asyncres.New("GC", opts...).AsyncID() }
	unwatched := newID() // no hook yet: no cleanup is registered
	rec := hookstest.Start(t)
	collected := newID()
	manual := newID(asyncres.WithRequireManualDestroy())
	require.True(t, rec.AwaitCollected(collected), "a collected resource reports destroy")
	runtime.GC()
	runtime.GC()
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Destroy}, rec.Kinds(collected))
	assert.Equal(t, []hookstest.Kind{hookstest.Init}, rec.Kinds(manual), "manual destroy only")
	assert.Empty(t, rec.Kinds(unwatched), "made while no destroy hook was enabled")
}

func TestGarbageCollectedAfterEmitDestroyReportsOnce(t *testing.T) {
	rec := hookstest.Start(t)
	id := func() uint64 {
		r := asyncres.New("GC")
		require.NoError(t, r.EmitDestroy())
		return r.AsyncID()
	}()
	for range 5 {
		runtime.GC()
	}
	// A sentinel collected after the first one proves cleanups have run.
	sentinel := func() uint64 { return asyncres.New("SENTINEL").AsyncID() }()
	require.True(t, rec.AwaitCollected(sentinel))
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Destroy}, rec.Kinds(id))
}

// SPEC 17: programmer errors panic in the caller with a matchable error.
func TestProgrammerErrorsPanic(t *testing.T) {
	r := asyncres.New("OK")
	for _, tc := range []struct {
		name string
		call func()
		want error
	}{
		{"New empty type", func() { asyncres.New("") }, asyncres.ErrInvalidType},
		{"RunInAsyncScope nil", func() { r.RunInAsyncScope(nil) }, asyncres.ErrNilFunc},
		{"Bind nil", func() { r.Bind(nil) }, asyncres.ErrNilFunc},
		{"static Bind nil", func() { asyncres.Bind(nil, "T") }, asyncres.ErrNilFunc},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := panics.Error(t, tc.call)
			assert.ErrorIs(t, err, tc.want)
			if tc.want == asyncres.ErrNilFunc {
				// Code that only knows package als catches these too.
				assert.ErrorIs(t, err, als.ErrNilFunc)
			}
		})
	}
}

func TestNoAllocationsInScope(t *testing.T) {
	r := asyncres.New("ALLOC")
	store := als.New[int]()
	store.Run(1, func() { // the goroutine has an entry, as in a server
		allocs := testing.AllocsPerRun(100, func() { r.RunInAsyncScope(func() {}) })
		assert.Zero(t, allocs)
	})
}

func TestNewAllocatesOnlyTheResource(t *testing.T) {
	store := als.New[int]()
	store.Run(1, func() {
		allocs := testing.AllocsPerRun(100, func() {
			asyncres.New("ALLOC", asyncres.WithRequireManualDestroy(), asyncres.WithTriggerAsyncID(5))
		})
		assert.Equal(t, 1.0, allocs)
	})
}
