package benchmarks

import (
	"context"
	"testing"

	"github.com/go-als/als"
	jgls "github.com/jtolds/gls"
	"github.com/timandy/routine"
)

// BenchmarkRunNested starts a scope inside an existing one (the common
// case: a middleware below another), runs a tiny body and leaves it.
func BenchmarkRunNested(b *testing.B) {
	outer, inner := &payload{id: 1}, &payload{id: 2}

	b.Run("als", func(b *testing.B) {
		s := als.New[*payload]()
		s.Run(outer, func() {
			b.ReportAllocs()
			for b.Loop() {
				s.Run(inner, work)
			}
		})
	})
	b.Run("ctx", func(b *testing.B) {
		ctx := ctxChain(3, outer)
		body := func(context.Context) { work() }
		b.ReportAllocs()
		for b.Loop() {
			ctxRun(ctx, inner, body)
		}
	})
	b.Run("routine", func(b *testing.B) {
		tl := routine.NewInheritableThreadLocal[*payload]()
		routineRun(tl, outer, func() {
			b.ReportAllocs()
			for b.Loop() {
				routineRun(tl, inner, work)
			}
		})
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jgls.NewContextManager()
		defer m.Unregister()
		m.SetValues(jgls.Values{jtoldsKey: outer}, func() {
			b.ReportAllocs()
			for b.Loop() {
				m.SetValues(jgls.Values{jtoldsKey: inner}, work)
			}
		})
	})
}

// BenchmarkRunEmpty starts a scope in a goroutine that holds nothing, the
// way the first middleware of a request does, and leaves it, so that the
// goroutine holds nothing again.
func BenchmarkRunEmpty(b *testing.B) {
	p := &payload{id: 1}

	b.Run("als", func(b *testing.B) {
		s := als.New[*payload]()
		b.ReportAllocs()
		for b.Loop() {
			s.Run(p, work)
		}
	})
	b.Run("ctx", func(b *testing.B) {
		ctx := context.Background()
		body := func(context.Context) { work() }
		b.ReportAllocs()
		for b.Loop() {
			ctxRun(ctx, p, body)
		}
	})
	b.Run("routine", func(b *testing.B) {
		tl := routine.NewInheritableThreadLocal[*payload]()
		b.ReportAllocs()
		for b.Loop() {
			routineRun(tl, p, work)
		}
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jgls.NewContextManager()
		defer m.Unregister()
		b.ReportAllocs()
		for b.Loop() {
			m.SetValues(jgls.Values{jtoldsKey: p}, work)
		}
	})
}
