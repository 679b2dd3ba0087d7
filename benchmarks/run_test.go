package benchmarks

import (
	"context"
	"testing"

	jgls "github.com/jtolds/gls"
)

// BenchmarkRunNested starts a scope inside an existing one (the common
// case: a middleware below another), runs a tiny body and leaves it.
func BenchmarkRunNested(b *testing.B) {
	outer, inner := &payload{id: 1}, &payload{id: 2}

	b.Run("als", func(b *testing.B) {
		s := alsStorage
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
		tl := routineTL
		routineRun(tl, outer, func() {
			b.ReportAllocs()
			for b.Loop() {
				routineRun(tl, inner, work)
			}
		})
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jtoldsMgr
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
		s := alsStorage
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
		tl := routineTL
		b.ReportAllocs()
		for b.Loop() {
			routineRun(tl, p, work)
		}
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jtoldsMgr
		b.ReportAllocs()
		for b.Loop() {
			m.SetValues(jgls.Values{jtoldsKey: p}, work)
		}
	})
}
