package gls

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als/internal/stress"
)

// TestStressFrameRecycling forces the contended case of compiled mode's
// frame recycling (compiled_frames.go): workers nest scopes one to three
// deep and exit them, so each exit recycles a frame the next scope takes,
// while thousands of goroutines are started from inside those scopes by
// plain go statements (compiled mode hands them the frame in the slot),
// from captured frames (both modes), by time.AfterFunc, and frames are
// handed to a pool of goroutines started before, where only the capture
// keeps them from being recycled. Every child
// reads its context again and again while its parent recycles frames
// around it, and nests scopes of its own on top. A frame recycled while a
// child could still read it shows up as a wrong read, and under -race as
// a race between the recycling writes and the child's reads.
func TestStressFrameRecycling(t *testing.T) {
	keys := []*Key{NewKey("k0"), NewKey("k1"), NewKey("k2")}
	childKey := NewKey("child")
	var r frameReads
	var recycled, plainChildren, capturedChildren, pooledChildren, timerChildren atomic.Int64

	// check reads every key: the first depth hold want(level), the
	// others nothing.
	check := func(depth int, want func(level int) int64) {
		for level, k := range keys {
			v, ok := AnyOf(Get(k))
			r.total.Add(1)
			switch {
			case level >= depth && ok:
				r.wrong.Add(1)
			case level < depth && !ok:
				r.lost.Add(1)
			case level < depth && v.(int64) != want(level):
				r.wrong.Add(1)
			}
		}
	}
	// child runs in a new goroutine that holds the parent's context:
	// it reads it while the parent moves on, nests a scope of its own and
	// reads again after leaving it.
	child := func(depth int, want func(level int) int64) {
		for range 3 {
			check(depth, want)
			runtime.Gosched()
		}
		sc := Push(childKey, AnyValue(int64(-1)))
		check(depth, want)
		sc.Exit()
		check(depth, want)
	}

	deadline := time.Now().Add(stress.Duration())
	live := make(chan struct{}, stress.Goroutines(4000)) // children alive at once
	var children, workers sync.WaitGroup
	start := func(body func()) {
		live <- struct{}{}
		children.Add(1)
		body()
	}
	done := func() {
		<-live
		children.Done()
	}
	// Pool goroutines, started before any scope, run captured frames
	// handed to them, as a worker pool does with als.Bind.
	type pooled struct {
		f     *Frame
		depth int
		want  func(level int) int64
	}
	pool := make(chan pooled)
	var pooledWorkers sync.WaitGroup
	for range 4 {
		pooledWorkers.Add(1)
		go func() { //als:ignore pool goroutines hold no context of their own
			defer pooledWorkers.Done()
			for p := range pool {
				sc := Enter(p.f)
				child(p.depth, p.want)
				sc.Exit()
				done()
			}
		}()
	}
	for w := range 2 * runtime.GOMAXPROCS(0) {
		workers.Add(1)
		go func() { //als:ignore workers start with no context
			defer workers.Done()
			for i := int64(0); time.Now().Before(deadline); i++ {
				depth := 1 + int(i%3)
				want := func(level int) int64 { return int64(w)<<40 | i<<8 | int64(level) }
				var nest func(level int)
				nest = func(level int) {
					if level == depth {
						check(depth, want)
						switch i % 16 {
						case 0, 5, 10:
							if compiled {
								start(func() {
									plainChildren.Add(1)
									go func() { //als:ignore the case is what a plain go statement inherits
										defer done()
										child(depth, want)
									}()
								})
							}
						case 3, 8:
							start(func() {
								capturedChildren.Add(1)
								f := Current()
								go func() { //als:ignore the child enters the captured frame, like spawn.Go
									defer done()
									sc := Enter(f)
									child(depth, want)
									sc.Exit()
								}()
							})
						case 11:
							// No go statement here: only Current keeps the
							// frame from being recycled while a pool
							// goroutine runs in it.
							start(func() {
								pooledChildren.Add(1)
								pool <- pooled{Current(), depth, want}
							})
						case 13:
							if compiled && i%64 == 13 {
								start(func() {
									timerChildren.Add(1)
									time.AfterFunc(0, func() {
										defer done()
										child(depth, want)
									})
								})
							}
						}
						return
					}
					sc := Push(keys[level], AnyValue(want(level)))
					nest(level + 1)
					f := rtFrame()
					sc.Exit()
					if compiled && f != nil && rtFree() != nil && &rtFree().f == f {
						recycled.Add(1)
					}
					check(level, want)
				}
				nest(0)
			}
		}()
	}
	workers.Wait()
	children.Wait()
	close(pool)
	pooledWorkers.Wait()

	t.Logf("children: %d plain go, %d captured, %d in the pool, %d AfterFunc; %d frames recycled",
		plainChildren.Load(), capturedChildren.Load(), pooledChildren.Load(), timerChildren.Load(), recycled.Load())
	r.assertNone(t)
	assert.Positive(t, capturedChildren.Load())
	assert.Positive(t, pooledChildren.Load())
	if compiled {
		assert.Positive(t, plainChildren.Load())
		assert.Positive(t, recycled.Load(), "no frame was ever recycled: the case is not the contended one")
	}
}

type frameReads struct{ total, lost, wrong atomic.Int64 }

func (r *frameReads) assertNone(t *testing.T) {
	t.Helper()
	t.Logf("%d reads: %d lost, %d wrong", r.total.Load(), r.lost.Load(), r.wrong.Load())
	assert.Positive(t, r.total.Load())
	assert.Zero(t, r.lost.Load(), "reads that found no value where the context has one")
	assert.Zero(t, r.wrong.Load(), "reads that found a value the context does not hold")
}
