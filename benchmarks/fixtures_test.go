package benchmarks

import (
	"context"
	"testing"

	"github.com/go-als/als"
	jgls "github.com/jtolds/gls"
	"github.com/stretchr/testify/require"
	"github.com/timandy/routine"
)

// payload is what every library carries: a pointer to a request's data,
// which is what real stores usually are.
type payload struct{ id int }

// One store of each library for the whole binary, declared once as real
// programs do. Creating one per benchmark would distort routine: every
// new thread-local widens the per-goroutine table of all later ones.
var (
	alsStorage = als.New[*payload]()
	routineTL  = routine.NewInheritableThreadLocal[*payload]()
	jtoldsMgr  = jgls.NewContextManager()
)

// sink keeps the compiler from discarding work whose result is unused.
var sink int

// work is the body every scope runs: small, but not free to drop.
func work() { sink++ }

type ctxKey int

// ctxChain returns a context whose value for ctxKey(0) lies depth
// WithValue layers below the top, the shape a request context has after
// a few middlewares.
func ctxChain(depth int, p *payload) context.Context {
	ctx := context.WithValue(context.Background(), ctxKey(0), p)
	for i := 1; i < depth; i++ {
		ctx = context.WithValue(ctx, ctxKey(i), i)
	}
	return ctx
}

// ctxGet is a typed read of the value ctxChain stored.
func ctxGet(ctx context.Context) *payload {
	p, _ := ctx.Value(ctxKey(0)).(*payload)
	return p
}

// ctxRun is context's Run: a new layer handed down to fn.
func ctxRun(ctx context.Context, p *payload, fn func(context.Context)) {
	fn(context.WithValue(ctx, ctxKey(0), p))
}

// routineRun is routine's Run: set the thread-local, run fn, and put back
// whatever was there before (nothing, for an empty goroutine), also when
// fn panics, as als's Run does.
func routineRun(tl routine.ThreadLocal[*payload], p *payload, fn func()) {
	prev := tl.Get()
	tl.Set(p)
	defer func() {
		if prev == nil {
			tl.Remove()
		} else {
			tl.Set(prev)
		}
	}()
	fn()
}

// jtoldsKey is the key all jtolds benchmarks use in their manager.
const jtoldsKey = "payload"

func jtoldsGet(m *jgls.ContextManager) *payload {
	v, _ := m.GetValue(jtoldsKey)
	p, _ := v.(*payload)
	return p
}

// The fixtures must measure working code: each library reads back what
// it was given, in the current goroutine and in one it starts.
func TestFixtures(t *testing.T) {
	p, q := &payload{id: 1}, &payload{id: 2}

	t.Run("als", func(t *testing.T) {
		s := alsStorage
		s.Run(p, func() {
			got, ok := s.GetStore()
			require.True(t, ok)
			require.Same(t, p, got)
			done := make(chan *payload)
			als.Go(func() {
				v, _ := s.GetStore()
				done <- v
			})
			require.Same(t, p, <-done)
		})
		_, ok := s.GetStore()
		require.False(t, ok)
	})

	t.Run("context", func(t *testing.T) {
		for _, depth := range []int{1, 3, 10} {
			require.Same(t, p, ctxGet(ctxChain(depth, p)))
		}
		ctxRun(ctxChain(3, p), q, func(ctx context.Context) {
			require.Same(t, q, ctxGet(ctx))
		})
	})

	t.Run("routine", func(t *testing.T) {
		tl := routineTL
		routineRun(tl, p, func() {
			require.Same(t, p, tl.Get())
			routineRun(tl, q, func() { require.Same(t, q, tl.Get()) })
			require.Same(t, p, tl.Get())
			done := make(chan *payload)
			routine.Go(func() { done <- tl.Get() })
			require.Same(t, p, <-done)
		})
		require.Nil(t, tl.Get())
	})

	t.Run("jtolds", func(t *testing.T) {
		m := jtoldsMgr
		m.SetValues(jgls.Values{jtoldsKey: p}, func() {
			require.Same(t, p, jtoldsGet(m))
			m.SetValues(jgls.Values{jtoldsKey: q}, func() { require.Same(t, q, jtoldsGet(m)) })
			require.Same(t, p, jtoldsGet(m))
			done := make(chan *payload)
			jgls.Go(func() { done <- jtoldsGet(m) })
			require.Same(t, p, <-done)
		})
		require.Nil(t, jtoldsGet(m))
	})
}
