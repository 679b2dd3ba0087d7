package spawn_test

import (
	"sync"
	"testing"

	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/spawn"
)

// BenchmarkGo compares starting and finishing a goroutine with a plain go
// statement and with spawn.Go, without context, with one, and with a hook
// enabled (which makes every goroutine a GOROUTINE resource).
func BenchmarkGo(b *testing.B) {
	var wg sync.WaitGroup
	done := wg.Done
	b.Run("plain-go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			go done() //als:ignore the baseline being measured
			wg.Wait()
		}
	})
	b.Run("spawn-no-context", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			wg.Add(1)
			spawn.Go(done)
			wg.Wait()
		}
	})
	inContext := func(b *testing.B) {
		b.ReportAllocs()
		store.Run("bench", func() {
			for b.Loop() {
				wg.Add(1)
				spawn.Go(done)
				wg.Wait()
			}
		})
	}
	b.Run("spawn-context", inContext)
	b.Run("spawn-context-one-hook", func(b *testing.B) {
		h := hooks.Create(hookstest.Noop).Enable()
		defer h.Disable()
		inContext(b)
	})
}

// BenchmarkPoolSubmit is one task round trip through a four-worker pool.
func BenchmarkPoolSubmit(b *testing.B) {
	pool := spawn.NewPool[int](4)
	defer pool.Close()
	var wg sync.WaitGroup
	task := func() (int, error) { return 1, nil }
	callback := func(int, error) { wg.Done() }
	b.ReportAllocs()
	store.Run("bench", func() {
		for b.Loop() {
			wg.Add(1)
			_ = pool.Submit(task, callback)
			wg.Wait()
		}
	})
}
