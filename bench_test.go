package als_test

import (
	"context"
	"sync"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/petermattis/goid"
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

// BenchmarkGetStoreMiss reads a storage that has no store in a goroutine
// that holds another storage's: the path the context-loss detector's flag
// is tested on.
func BenchmarkGetStoreMiss(b *testing.B) {
	s, other := als.New[int](), als.New[int]()
	other.Run(1, func() {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := s.GetStore(); ok {
				b.Fatal("a store out of nowhere")
			}
		}
	})
}

// BenchmarkGetStoreMissDetecting is BenchmarkGetStoreNoContext with the
// context-loss detector on, as under ALS_DEBUG=lost: every miss in a
// goroutine without a context reads its traceback.
func BenchmarkGetStoreMissDetecting(b *testing.B) {
	s := als.New[int]()
	defer alstest.CatchLoss()()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := s.GetStore(); ok {
			b.Fatal("a store out of nowhere")
		}
	}
}

// BenchmarkGetStoreNoContext is GetStore in a goroutine with no context.
func BenchmarkGetStoreNoContext(b *testing.B) {
	s := als.New[int]()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := s.GetStore(); ok {
			b.Fatal("a store out of nowhere")
		}
	}
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

// BenchmarkGetStoreAfterDisableCycles reads a store in a goroutine that
// entered and disabled 10,000 other storages before: SPEC 20 wants it as
// fast as BenchmarkGetStore.
func BenchmarkGetStoreAfterDisableCycles(b *testing.B) {
	s, churn := als.New[int](), als.New[int]()
	done := make(chan struct{})
	als.Go(func() {
		defer close(done)
		s.EnterWith(1000)
		for i := range 10000 {
			churn.EnterWith(i)
			churn.Disable()
		}
		b.ReportAllocs()
		for b.Loop() {
			if v, ok := s.GetStore(); !ok || v != 1000 {
				b.Fatal("lost store")
			}
		}
	})
	<-done
}

// BenchmarkGetStoreManyStorages reads one of 10,000 storages that are all
// set in the current context: a trie lookup, not a scan.
func BenchmarkGetStoreManyStorages(b *testing.B) {
	const n = 10000
	ss := newStorages(n)
	done := make(chan struct{})
	als.Go(func() {
		defer close(done)
		for i, s := range ss {
			s.EnterWith(i)
		}
		s := ss[n/2]
		b.ReportAllocs()
		for b.Loop() {
			if v, ok := s.GetStore(); !ok || v != n/2 {
				b.Fatal("lost store")
			}
		}
	})
	<-done
}

// BenchmarkRunNested10kStorages nests Runs of 10,000 distinct storages,
// one op being the whole nest: quadratic when each level copied the
// frame, O(n log n) with the trie.
func BenchmarkRunNested10kStorages(b *testing.B) {
	ss := newStorages(10000)
	b.ReportAllocs()
	for b.Loop() {
		runNested(ss, func() {})
	}
}

// BenchmarkGoidGet is the floor of any goroutine-id design: reading the
// id alone.
func BenchmarkGoidGet(b *testing.B) {
	var sum int64
	for b.Loop() {
		sum += goid.Get()
	}
	sinkGoid = sum
}

var sinkGoid int64
