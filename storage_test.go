package als_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/panics"
)

// inGoroutine runs fn in an als.Go child inside a fresh scope and waits,
// so that tests which change the goroutine's context leave nothing behind.
func inGoroutine(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	als.Go(func() {
		defer close(done)
		fn()
	})
	<-done
}

func TestGetStoreOutsideContext(t *testing.T) { // SPEC 1
	tests := []struct {
		name string
		s    *als.Storage[string]
		want string
	}{
		{"zero", als.New[string](), ""},
		{"default", als.New(als.WithDefault("anon")), "anon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.s.GetStore()
			assert.False(t, ok)
			assert.Equal(t, tt.want, v)
			tt.s.Run("x", func() {})
			v, ok = tt.s.GetStore()
			assert.False(t, ok, "store must not outlive Run")
			assert.Equal(t, tt.want, v)
		})
	}
}

func TestRunSetsAndRestores(t *testing.T) { // SPEC 2
	s := als.New[int]()
	s.Run(1, func() {
		v, ok := s.GetStore()
		require.True(t, ok)
		require.Equal(t, 1, v)
		s.Run(2, func() {
			v, _ := s.GetStore()
			require.Equal(t, 2, v)
		})
		v, _ = s.GetStore()
		require.Equal(t, 1, v, "outer store is back after nested Run")
	})
	_, ok := s.GetStore()
	require.False(t, ok)
}

func TestRunNestsDeep(t *testing.T) { // SPEC 2
	const depth = 1000
	s := als.New[int]()
	var nest func(level int)
	nest = func(level int) {
		if level == depth {
			return
		}
		s.Run(level, func() {
			v, ok := s.GetStore()
			require.True(t, ok)
			require.Equal(t, level, v)
			nest(level + 1)
			v, _ = s.GetStore()
			require.Equal(t, level, v, "level %d restored after inner Run", level)
		})
	}
	nest(0)
	alstest.VerifyNone(t)
}

func TestRunEndsEnterWithOfOtherStorage(t *testing.T) { // SPEC 3
	a, b := als.New[string](), als.New[string]()
	inGoroutine(t, func() {
		b.EnterWith("outer")
		a.Run("a", func() {
			b.EnterWith("inner")
			v, _ := b.GetStore()
			assert.Equal(t, "inner", v)
		})
		v, ok := b.GetStore()
		assert.True(t, ok)
		assert.Equal(t, "outer", v, "EnterWith inside Run ends with the Run")
	})
}

type sentinelPanic struct{ n int }

func TestPanicRestoresContext(t *testing.T) { // SPEC 4
	s, other := als.New[string](), als.New[string]()
	boom := &sentinelPanic{n: 42}
	tests := []struct {
		name string
		call func(fn func())
	}{
		{"Run", func(fn func()) { s.Run("inner", fn) }},
		{"Exit", func(fn func()) { s.Exit(fn) }},
		{"Bind", func(fn func()) { other.Run("elsewhere", func() { als.Bind(fn)() }) }},
		{"Snapshot", func(fn func()) { als.Snapshot()(fn) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Run("outer", func() {
				got := func() (r any) {
					defer func() { r = recover() }()
					tt.call(func() {
						other.EnterWith("leak")
						panic(boom)
					})
					return nil
				}()
				assert.Same(t, boom, got, "the panic value propagates unchanged")
				v, _ := s.GetStore()
				assert.Equal(t, "outer", v)
				_, ok := other.GetStore()
				assert.False(t, ok, "EnterWith inside the panicking scope is gone")
			})
			alstest.VerifyNone(t) // a recovered panic leaves no entry behind
		})
	}
}

func TestExitHidesOnlyThisStorage(t *testing.T) { // SPEC 5
	a, b := als.New[string](), als.New[string]()
	a.Run("a", func() {
		b.Run("b", func() {
			a.Exit(func() {
				_, ok := a.GetStore()
				assert.False(t, ok)
				v, ok := b.GetStore()
				assert.True(t, ok)
				assert.Equal(t, "b", v)
			})
			v, ok := a.GetStore()
			assert.True(t, ok)
			assert.Equal(t, "a", v, "Exit hides the store inside fn only")
		})
	})
	a.Exit(func() { // outside any context Exit is harmless
		_, ok := a.GetStore()
		assert.False(t, ok)
	})
}

// newStorages returns n distinct storages.
func newStorages(n int) []*als.Storage[int] {
	ss := make([]*als.Storage[int], n)
	for i := range ss {
		ss[i] = als.New[int]()
	}
	return ss
}

// runNested calls inner inside ss[0].Run(0, ...) inside ss[1].Run(1, ...)
// and so on: every storage set, to its index, one Run nested in the other.
func runNested(ss []*als.Storage[int], inner func()) {
	var nest func(i int)
	nest = func(i int) {
		if i == len(ss) {
			inner()
			return
		}
		ss[i].Run(i, func() { nest(i + 1) })
	}
	nest(0)
}

func TestStoragesAreIndependent(t *testing.T) { // SPEC 6
	ss := newStorages(20)
	runNested(ss, func() {
		for j, s := range ss {
			v, ok := s.GetStore()
			require.True(t, ok)
			require.Equal(t, j, v)
		}
	})
	typed := als.New[error]()
	typed.Run(nil, func() {
		v, ok := typed.GetStore()
		assert.True(t, ok, "a nil interface store is still a store")
		assert.Nil(t, v)
	})
}

func TestEnterWithHoldsForGoroutineAndChildren(t *testing.T) { // SPEC 7
	s := als.New[string]()
	inGoroutine(t, func() {
		s.EnterWith("entered")
		v, ok := s.GetStore()
		assert.True(t, ok)
		assert.Equal(t, "entered", v)
		inGoroutine(t, func() {
			v, ok := s.GetStore()
			assert.True(t, ok)
			assert.Equal(t, "entered", v, "als.Go after EnterWith carries it")
		})
		s.EnterWith("again")
		v, _ = s.GetStore()
		assert.Equal(t, "again", v)
	})
}

func TestGoCapturesFrameAtCall(t *testing.T) { // SPEC 8
	a, b := als.New[string](), als.New[*[]string]()
	shared := &[]string{}
	a.Run("parent", func() {
		b.Run(shared, func() {
			start, childDone := make(chan struct{}), make(chan struct{})
			als.Go(func() {
				defer close(childDone)
				<-start
				v, _ := a.GetStore()
				assert.Equal(t, "parent", v, "parent's later change does not reach the child")
				a.EnterWith("child")
				p, _ := b.GetStore()
				*p = append(*p, "from child") // stores are shared by reference
			})
			a.EnterWith("parent changed")
			close(start)
			<-childDone
			v, _ := a.GetStore()
			assert.Equal(t, "parent changed", v, "child's change does not reach the parent")
		})
	})
	assert.Equal(t, []string{"from child"}, *shared)
}

func TestPlainGoInheritsNothing(t *testing.T) { // SPEC 9
	s := als.New[string]()
	s.Run("request", func() {
		got := make(chan bool)
		go func() { //als:ignore the test shows what a plain go statement loses
			_, ok := s.GetStore()
			got <- ok
		}()
		// The one difference of compiled mode (cmd/alsbuild): there a
		// plain go statement inherits, as als.Go does.
		assert.Equal(t, gls.Compiled(), <-got)
	})
}

func TestDisable(t *testing.T) { // SPEC 10
	s, other := als.New[string](), als.New[string]()
	var bound func()
	var snap func(func())
	release, childDone := make(chan struct{}), make(chan struct{})
	var childOK bool
	s.Run("before", func() {
		other.Run("kept", func() {
			bound = als.Bind(func() {
				_, ok := s.GetStore()
				assert.False(t, ok, "bound function captured before Disable")
			})
			snap = als.Snapshot()
			als.Go(func() {
				defer close(childDone)
				<-release
				_, childOK = s.GetStore()
			})
			s.Disable()
			_, ok := s.GetStore()
			assert.False(t, ok, "Disable ends the current context too")
			v, ok := other.GetStore()
			assert.True(t, ok, "other storages are not disabled")
			assert.Equal(t, "kept", v)
			s.Exit(func() {})
			_, ok = s.GetStore()
			assert.False(t, ok, "Exit does not re-enable")
		})
	})
	close(release)
	<-childDone
	assert.False(t, childOK, "goroutine started before Disable")
	bound()
	snap(func() {
		_, ok := s.GetStore()
		assert.False(t, ok, "snapshot taken before Disable")
	})
	s.Run("after", func() {
		v, ok := s.GetStore()
		assert.True(t, ok, "a later Run works again")
		assert.Equal(t, "after", v)
	})
	inGoroutine(t, func() {
		s.EnterWith("entered after")
		v, ok := s.GetStore()
		assert.True(t, ok, "a later EnterWith works again")
		assert.Equal(t, "entered after", v)
	})
}

func TestBindAndSnapshot(t *testing.T) { // SPEC 11
	s := als.New[string]()
	var bound func()
	var snap func(func())
	s.Run("captured", func() {
		bound = als.Bind(func() {
			v, ok := s.GetStore()
			assert.True(t, ok)
			assert.Equal(t, "captured", v)
			s.EnterWith("inside bound") // must not leak to the caller
		})
		snap = als.Snapshot()
	})
	s.Run("caller", func() {
		bound()
		snap(func() {
			v, _ := s.GetStore()
			assert.Equal(t, "captured", v)
		})
		v, _ := s.GetStore()
		assert.Equal(t, "caller", v, "the caller's context is restored")
	})
	bound() // outside any context, too
	_, ok := s.GetStore()
	assert.False(t, ok)
}

func TestCallReturnsResult(t *testing.T) {
	s := als.New[int]()
	got := als.Call(s, 21, func() int {
		v, _ := s.GetStore()
		return v * 2
	})
	assert.Equal(t, 42, got)
}

func TestNilFuncPanics(t *testing.T) { // SPEC 17
	s := als.New[int]()
	tests := []struct {
		name string
		call func()
	}{
		{"Run", func() { s.Run(1, nil) }},
		{"Exit", func() { s.Exit(nil) }},
		{"Go", func() { als.Go(nil) }},
		{"Bind", func() { als.Bind(nil) }},
		{"Snapshot", func() { als.Snapshot()(nil) }},
		{"Call", func() { als.Call[int, int](s, 1, nil) }},
		{"Detach", func() { als.Detach(nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), als.ErrNilFunc)
			alstest.VerifyNone(t)
		})
	}
}

func TestRequestsNeverSeeEachOther(t *testing.T) { // SPEC 8, under load
	const requests, fanout = 500, 4
	type req struct{ id int }
	s := als.New[*req]()
	var wg sync.WaitGroup
	errs := make(chan error, requests*fanout)
	for i := 0; i < requests; i++ {
		wg.Add(1)
		go func(i int) { //als:ignore each request starts with no context, like a server's
			defer wg.Done()
			s.Run(&req{id: i}, func() {
				var children sync.WaitGroup
				for c := 0; c < fanout; c++ {
					children.Add(1)
					als.Go(func() {
						defer children.Done()
						r, ok := s.GetStore()
						if !ok || r.id != i {
							errs <- fmt.Errorf("request %d child %d saw %+v", i, c, r)
						}
					})
				}
				children.Wait()
			})
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	alstest.VerifyNone(t) // every request and child entry is gone
}

func TestGetStoreAllocatesNothing(t *testing.T) {
	s := als.New[string]()
	s.Run("request-1234567890", func() {
		allocs := testing.AllocsPerRun(1000, func() {
			if _, ok := s.GetStore(); !ok {
				panic("lost store")
			}
		})
		assert.Zero(t, allocs)
	})
}

func TestNoEntryOutlivesItsGoroutine(t *testing.T) { // SPEC 16
	s := als.New[int]()
	var wg sync.WaitGroup
	s.Run(1, func() {
		for i := 0; i < 100; i++ {
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				s.EnterWith(2) // scoped by the als.Go goroutine
				s.Run(3, func() {})
			})
		}
		wg.Wait()
	})
	alstest.VerifyNone(t) // als.Go goroutines and Run scopes

	// A plain goroutine that called EnterWith has no scope to end it; the
	// background sweep must reclaim it with no call from us.
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() { //als:ignore the test needs a goroutine with no scope
			defer wg.Done()
			s.EnterWith(i)
		}()
	}
	wg.Wait()
	alstest.VerifyNone(t, alstest.MaxWait(15*time.Second)) // entries of ended plain goroutines are reclaimed
	require.Eventually(t, func() bool { return gls.Watched() == 0 },
		15*time.Second, 50*time.Millisecond, "and the reclaimer's watch list is empty")
}

var errBoom = errors.New("boom")

func TestPanicWithErrorValue(t *testing.T) {
	s := als.New[int]()
	defer func() {
		assert.Same(t, errBoom, recover())
		_, ok := s.GetStore()
		assert.False(t, ok)
	}()
	s.Run(1, func() { panic(errBoom) })
}
