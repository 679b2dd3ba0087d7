package als_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/hooks"
)

// seen is what a piece of code found in its context.
type seen struct {
	a, b    bool
	asyncID uint64
}

func look(a, b *als.Storage[string]) seen {
	_, okA := a.GetStore()
	_, okB := b.GetStore()
	return seen{a: okA, b: okB, asyncID: hooks.ExecutionAsyncID()}
}

func TestDetachRunsOutsideEveryContext(t *testing.T) {
	a, b := als.New[string](), als.New[string]()
	root := seen{asyncID: hooks.RootAsyncID}
	tests := []struct {
		name string
		// around runs fn in some context and reports what fn's caller sees
		// there, before fn.
		around func(fn func()) seen
	}{
		{"nothing", func(fn func()) seen {
			s := look(a, b)
			fn()
			return s
		}},
		{"Run", func(fn func()) (s seen) {
			a.Run("a", func() { b.Run("b", func() { s = look(a, b); fn() }) })
			return s
		}},
		{"EnterWith", func(fn func()) (s seen) {
			inGoroutine(t, func() { a.EnterWith("a"); s = look(a, b); fn() })
			return s
		}},
		{"Go child", func(fn func()) (s seen) {
			a.Run("a", func() { inGoroutine(t, func() { s = look(a, b); fn() }) })
			return s
		}},
		{"async resource", func(fn func()) (s seen) {
			b.Run("b", func() {
				asyncres.New("DETACH_TEST").RunInAsyncScope(func() { s = look(a, b); fn() })
			})
			return s
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inside, after seen
			before := tt.around(func() {
				als.Detach(func() { inside = look(a, b) })
				after = look(a, b)
			})
			assert.Equal(t, root, inside, "no store and the root execution context inside Detach")
			assert.Equal(t, before, after, "Detach restores the caller's context")
			alstest.VerifyNone(t)
		})
	}
}

func TestDetachRestoresAfterPanicAndEnterWith(t *testing.T) {
	a, b := als.New[string](), als.New[string]()
	boom := &sentinelPanic{n: 7}
	a.Run("outer", func() {
		got := func() (r any) {
			defer func() { r = recover() }()
			als.Detach(func() {
				b.EnterWith("leak")
				a.EnterWith("leak")
				panic(boom)
			})
			return nil
		}()
		assert.Same(t, boom, got, "the panic value propagates unchanged")
		v, ok := a.GetStore()
		assert.True(t, ok)
		assert.Equal(t, "outer", v)
		_, ok = b.GetStore()
		assert.False(t, ok, "EnterWith inside Detach ends with it")
	})
	// With no context around it, what the detached code set ends too.
	inGoroutine(t, func() {
		als.Detach(func() { b.EnterWith("leak") })
		_, ok := b.GetStore()
		assert.False(t, ok)
	})
	alstest.VerifyNone(t)
}

// The reason Detach exists: a process-wide goroutine started while a
// request is being served must not keep the request's store. In compiled
// mode a plain go statement would inherit it; inside Detach it does not.
func TestDetachedGoroutinesStartClean(t *testing.T) {
	s := als.New[string]()
	tests := []struct {
		name  string
		start func(wg *sync.WaitGroup, fn func())
	}{
		{"go statement", func(wg *sync.WaitGroup, fn func()) {
			wg.Add(1)
			go func() { //als:ignore what a plain go statement inherits inside Detach is the point
				defer wg.Done()
				fn()
			}()
		}},
		{"als.Go", func(wg *sync.WaitGroup, fn func()) {
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				fn()
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var wg sync.WaitGroup
			var outside, detached bool
			s.Run("request", func() {
				tt.start(&wg, func() { _, outside = s.GetStore() })
				als.Detach(func() {
					tt.start(&wg, func() { _, detached = s.GetStore() })
				})
			})
			wg.Wait()
			assert.False(t, detached, "a goroutine started inside Detach has no store")
			if tt.name == "als.Go" || gls.Compiled() {
				assert.True(t, outside, "outside Detach the same start inherits (compiled mode: %v)", gls.Compiled())
			}
			alstest.VerifyNone(t)
		})
	}
}
