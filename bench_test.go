package als_test

import (
	"context"
	"sync"
	"testing"

	"github.com/go-als/als"
)

type ctxKey int

func BenchmarkGetStore(b *testing.B) {
	s := als.New[int]()
	s.Run(1000, func() {
		b.ReportAllocs()
		for b.Loop() {
			if v, ok := s.GetStore(); !ok || v != 1000 {
				b.Fatal("lost store")
			}
		}
	})
}

func BenchmarkGetStoreParallel(b *testing.B) {
	s := als.New[int]()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		s.Run(7, func() {
			for pb.Next() {
				if v, _ := s.GetStore(); v != 7 {
					panic("lost store")
				}
			}
		})
	})
}

func BenchmarkContextValueDepth3(b *testing.B) {
	ctx := context.WithValue(context.Background(), ctxKey(0), 1000)
	ctx = context.WithValue(ctx, ctxKey(1), 1)
	ctx = context.WithValue(ctx, ctxKey(2), 2)
	b.ReportAllocs()
	for b.Loop() {
		if v, _ := ctx.Value(ctxKey(0)).(int); v != 1000 {
			b.Fatal("lost value")
		}
	}
}

func BenchmarkRunNested(b *testing.B) {
	s := als.New[*int]()
	v := new(int)
	fn := func() {}
	s.Run(v, func() {
		b.ReportAllocs()
		for b.Loop() {
			s.Run(v, fn)
		}
	})
}

func BenchmarkRunEmpty(b *testing.B) {
	s := als.New[*int]()
	v := new(int)
	fn := func() {}
	b.ReportAllocs()
	for b.Loop() {
		s.Run(v, fn)
	}
}

func BenchmarkGo(b *testing.B) {
	s := als.New[*int]()
	v := new(int)
	s.Run(v, func() {
		var wg sync.WaitGroup
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			als.Go(wg.Done)
			wg.Wait()
		}
	})
}

func BenchmarkPlainGo(b *testing.B) {
	var wg sync.WaitGroup
	b.ReportAllocs()
	for b.Loop() {
		wg.Add(1)
		go wg.Done() //als:ignore baseline
		wg.Wait()
	}
}
