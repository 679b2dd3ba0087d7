package benchmarks

import (
	"testing"

	jgls "github.com/jtolds/gls"
	"github.com/petermattis/goid"
)

// BenchmarkGet reads the current store once per op, in a goroutine that
// holds one, and checks it (a lost store fails the benchmark). "goid" is
// the floor: goid.Get alone, the first step of any design that keys
// goroutine-local state by goroutine id, checked the same way.
func BenchmarkGet(b *testing.B) {
	p := &payload{id: 1}

	b.Run("goid", func(b *testing.B) {
		id := goid.Get()
		b.ReportAllocs()
		for b.Loop() {
			if goid.Get() != id {
				b.Fatal("goroutine id changed")
			}
		}
	})

	b.Run("als", func(b *testing.B) {
		s := alsStorage
		s.Run(p, func() {
			b.ReportAllocs()
			for b.Loop() {
				if v, _ := s.GetStore(); v != p {
					b.Fatal("lost store")
				}
			}
		})
	})
	for _, depth := range []int{3, 10} {
		b.Run(ctxName(depth), func(b *testing.B) {
			ctx := ctxChain(depth, p)
			b.ReportAllocs()
			for b.Loop() {
				if ctxGet(ctx) != p {
					b.Fatal("lost value")
				}
			}
		})
	}
	b.Run("routine", func(b *testing.B) {
		tl := routineTL
		routineRun(tl, p, func() {
			b.ReportAllocs()
			for b.Loop() {
				if tl.Get() != p {
					b.Fatal("lost thread-local")
				}
			}
		})
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jtoldsMgr
		m.SetValues(jgls.Values{jtoldsKey: p}, func() {
			b.ReportAllocs()
			for b.Loop() {
				if jtoldsGet(m) != p {
					b.Fatal("lost value")
				}
			}
		})
	})
}

// BenchmarkGetParallel is BenchmarkGet on every P at once: each parallel
// goroutine holds its own store (context: shares one chain, as requests
// would share nothing but their own).
func BenchmarkGetParallel(b *testing.B) {
	b.Run("als", func(b *testing.B) {
		s := alsStorage
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			p := &payload{}
			s.Run(p, func() {
				for pb.Next() {
					if v, _ := s.GetStore(); v != p {
						panic("lost store")
					}
				}
			})
		})
	})
	for _, depth := range []int{3, 10} {
		b.Run(ctxName(depth), func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				p := &payload{}
				ctx := ctxChain(depth, p)
				for pb.Next() {
					if ctxGet(ctx) != p {
						panic("lost value")
					}
				}
			})
		})
	}
	b.Run("routine", func(b *testing.B) {
		tl := routineTL
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			p := &payload{}
			routineRun(tl, p, func() {
				for pb.Next() {
					if tl.Get() != p {
						panic("lost thread-local")
					}
				}
			})
		})
	})
	b.Run("jtolds", func(b *testing.B) {
		m := jtoldsMgr
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			p := &payload{}
			m.SetValues(jgls.Values{jtoldsKey: p}, func() {
				for pb.Next() {
					if jtoldsGet(m) != p {
						panic("lost value")
					}
				}
			})
		})
	})
}

func ctxName(depth int) string {
	if depth == 3 {
		return "ctx-depth3"
	}
	return "ctx-depth10"
}
