package spawn_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/alstest"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/spawn"
)

// 1000 tasks from 50 concurrent submitters: each task and each callback
// runs in its own submitter's context, never in the pool creator's or in
// another submitter's.
func TestPoolCallbacksRunInSubmitterContext(t *testing.T) {
	const submitters, perSubmitter = 50, 20
	var pool *spawn.Pool[int]
	store.Run("pool creator", func() { pool = spawn.NewPool[int](4) })

	var callbacks sync.WaitGroup
	callbacks.Add(submitters * perSubmitter)
	var mu sync.Mutex
	got := map[string][]int{}
	var subs spawn.Group
	for s := range submitters {
		name := fmt.Sprintf("submitter %d", s)
		store.Run(name, func() {
			subs.Go(func() error {
				for i := range perSubmitter {
					err := pool.Submit(func() (int, error) {
						if v, _ := store.GetStore(); v != name {
							return 0, fmt.Errorf("task of %s ran in %q", name, v)
						}
						return i, nil
					}, func(res int, err error) {
						defer callbacks.Done()
						v, _ := store.GetStore()
						assert.NoError(t, err)
						mu.Lock()
						got[v] = append(got[v], res)
						mu.Unlock()
					})
					if err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
	require.NoError(t, subs.Wait())
	callbacks.Wait()
	pool.Close()
	alstest.VerifyNone(t) // no context outlives the tasks, the submitters or the workers

	require.Len(t, got, submitters, "callbacks saw exactly the submitters' stores")
	for s := range submitters {
		assert.ElementsMatch(t, seq(perSubmitter), got[fmt.Sprintf("submitter %d", s)])
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestPoolPanickingTask(t *testing.T) {
	pool := spawn.NewPool[string](1) // one worker: it must survive
	defer pool.Close()
	errBoom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		value any
	}{
		{"string", "kaput"},
		{"error", errBoom},
		{"nil", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errc := make(chan error, 1)
			require.NoError(t, pool.Submit(func() (string, error) { panic(tc.value) },
				func(_ string, err error) { errc <- err }))
			err := <-errc
			require.ErrorIs(t, err, spawn.ErrTaskPanicked)
			var pe *spawn.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, string(pe.Stack), "pool_test.go", "the stack shows the panic site")
			if v, ok := tc.value.(error); ok {
				assert.ErrorIs(t, err, v, "an error panic value is wrapped too")
			}
			if tc.value != nil {
				assert.Equal(t, tc.value, pe.Value)
			}

			res := make(chan string, 1)
			require.NoError(t, pool.Submit(func() (string, error) { return "still serving", nil },
				func(s string, err error) { assert.NoError(t, err); res <- s }))
			assert.Equal(t, "still serving", <-res)
		})
	}
}

// Close while tasks are queued: the running task reports its result, every
// queued one reports ErrPoolClosed, in its submitter's context, and none
// is dropped.
func TestPoolCloseWithQueuedTasks(t *testing.T) {
	pool := spawn.NewPool[int](1)
	release := make(chan struct{})
	type outcome struct {
		res   int
		err   error
		store string
	}
	var mu sync.Mutex
	outcomes := map[int]outcome{}
	submit := func(i int, task func() (int, error)) error {
		var err error
		store.Run(fmt.Sprintf("submitter %d", i), func() {
			err = pool.Submit(task, func(res int, err error) {
				v, _ := store.GetStore()
				mu.Lock()
				outcomes[i] = outcome{res, err, v}
				mu.Unlock()
			})
		})
		return err
	}
	started := make(chan struct{})
	require.NoError(t, submit(0, func() (int, error) { close(started); <-release; return 42, nil }))
	<-started // the only worker is busy from now on
	for i := 1; i <= 100; i++ {
		require.NoError(t, submit(i, func() (int, error) { return i, nil }))
	}

	closed := make(chan struct{})
	go func() { //als:ignore the test waits for it through closed
		defer close(closed)
		pool.Close()
	}()
	// Submissions go on being accepted, and queued, until Close has run.
	n := 101
	for ; ; n++ {
		err := submit(n, func() (int, error) { return n, nil })
		if errors.Is(err, spawn.ErrPoolClosed) {
			break
		}
		require.NoError(t, err)
	}
	close(release)
	<-closed

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, outcomes, n, "every accepted task got its callback")
	assert.Equal(t, outcome{42, nil, "submitter 0"}, outcomes[0])
	for i := 1; i < n; i++ {
		o := outcomes[i]
		assert.ErrorIs(t, o.err, spawn.ErrPoolClosed, "task %d", i)
		assert.Equal(t, fmt.Sprintf("submitter %d", i), o.store)
	}
	assert.ErrorIs(t, submit(n+1, func() (int, error) { return 0, nil }), spawn.ErrPoolClosed)
	pool.Close() // a second Close just returns
}

func TestPoolTaskLifecycle(t *testing.T) {
	rec := hookstest.Start(t)
	pool := spawn.NewPool[uint64](2)
	defer pool.Close()
	submitter := asyncresNew(t, "SUBMITTER")
	ids := make(chan [2]uint64, 1)
	submitter.RunInAsyncScope(func() {
		require.NoError(t, pool.Submit(func() (uint64, error) {
			return hooks.ExecutionAsyncID(), nil
		}, func(taskExec uint64, _ error) {
			ids <- [2]uint64{taskExec, hooks.ExecutionAsyncID()}
		}))
	})
	got := <-ids
	id := got[0]
	assert.Equal(t, id, got[1], "task and callback run in the same resource")
	require.True(t, rec.Await(5*time.Second, hookstest.Has(hookstest.Destroy, id)))
	ev := rec.For(id)
	assert.Equal(t, []hookstest.Kind{
		hookstest.Init,
		hookstest.Before, hookstest.After, // the task
		hookstest.Before, hookstest.After, // the callback
		hookstest.Destroy,
	}, kinds(ev))
	assert.Equal(t, spawn.TypePoolTask, ev[0].Type)
	assert.Equal(t, submitter.AsyncID(), ev[0].Trigger)
	assert.Equal(t, submitter.AsyncID(), ev[0].ExecID, "init runs in the submitter")
}

// Node's example closes the pool from the last callback; Close must not
// wait there for the worker it runs on.
func TestPoolCloseFromCallback(t *testing.T) {
	pool := spawn.NewPool[int](3)
	const tasks = 10
	var mu sync.Mutex
	finished := 0
	allDone := make(chan struct{})
	for i := range tasks {
		require.NoError(t, pool.Submit(func() (int, error) { return i, nil }, func(int, error) {
			mu.Lock()
			finished++
			last := finished == tasks
			mu.Unlock()
			if last {
				pool.Close()
				close(allDone)
			}
		}))
	}
	<-allDone
	pool.Close() // from outside: waits for the workers
	assert.ErrorIs(t, pool.Submit(func() (int, error) { return 0, nil }, func(int, error) {}), spawn.ErrPoolClosed)
}

func TestPoolCloseFromTask(t *testing.T) {
	pool := spawn.NewPool[int](1)
	res := make(chan error, 1)
	require.NoError(t, pool.Submit(func() (int, error) { pool.Close(); return 1, nil },
		func(_ int, err error) { res <- err }))
	require.NoError(t, <-res, "the running task still reports its result")
	pool.Close()
}

// Close from a task or callback that runs inside another resource's scope
// is still on a worker: it must not wait for itself.
func TestPoolCloseFromNestedScope(t *testing.T) {
	for _, tc := range []struct {
		name  string
		close func(p *spawn.Pool[int])
	}{
		{"asyncres.Bind", func(p *spawn.Pool[int]) { asyncres.Bind(p.Close, "")() }},
		{"RunInAsyncScope", func(p *spawn.Pool[int]) { asyncres.New("X").RunInAsyncScope(p.Close) }},
	} {
		for _, where := range []string{"task", "callback"} {
			t.Run(tc.name+" in "+where, func(t *testing.T) {
				pool := spawn.NewPool[int](1)
				res := make(chan error, 1)
				require.NoError(t, pool.Submit(func() (int, error) {
					if where == "task" {
						tc.close(pool)
					}
					return 1, nil
				}, func(_ int, err error) {
					if where == "callback" {
						tc.close(pool)
					}
					res <- err
				}))
				select {
				case err := <-res:
					require.NoError(t, err)
				case <-time.After(5 * time.Second):
					require.FailNow(t, "Close deadlocked on the worker it runs on")
				}
				pool.Close()
			})
		}
	}
}

// A task that ends its goroutine with runtime.Goexit, as t.FailNow does,
// still gets its callback, with an error wrapping ErrTaskExited, and the
// tasks queued behind it still run.
func TestPoolGoexitTask(t *testing.T) {
	pool := spawn.NewPool[int](1) // one worker: it must be replaced
	started, release := make(chan struct{}), make(chan struct{})
	type outcome struct {
		res   int
		err   error
		store string
	}
	outcomes := make(chan outcome, 4)
	for i := range 4 {
		store.Run(fmt.Sprintf("submitter %d", i), func() {
			require.NoError(t, pool.Submit(func() (int, error) {
				if i == 0 {
					close(started)
					<-release
					runtime.Goexit()
				}
				return i, nil
			}, func(res int, err error) {
				v, _ := store.GetStore()
				outcomes <- outcome{res, err, v}
			}))
		})
	}
	<-started
	close(release)
	got := map[string]outcome{}
	for range 4 {
		select {
		case o := <-outcomes:
			got[o.store] = o
		case <-time.After(5 * time.Second):
			require.FailNow(t, "callbacks dropped", "got %d of 4", len(got))
		}
	}
	assert.ErrorIs(t, got["submitter 0"].err, spawn.ErrTaskExited)
	for i := 1; i < 4; i++ {
		assert.Equal(t, outcome{i, nil, fmt.Sprintf("submitter %d", i)}, got[fmt.Sprintf("submitter %d", i)])
	}

	res := make(chan int, 1)
	require.NoError(t, pool.Submit(func() (int, error) { return 7, nil }, func(n int, _ error) { res <- n }))
	assert.Equal(t, 7, <-res, "the pool goes on serving")
	pool.Close()
}

// A callback that ends its goroutine with runtime.Goexit does not take a
// worker away from the pool: the next task still runs.
func TestPoolGoexitCallback(t *testing.T) {
	pool := spawn.NewPool[int](1)
	require.NoError(t, pool.Submit(func() (int, error) { return 0, nil }, func(int, error) { runtime.Goexit() }))
	res := make(chan int, 1)
	require.NoError(t, pool.Submit(func() (int, error) { return 7, nil }, func(n int, _ error) { res <- n }))
	select {
	case n := <-res:
		assert.Equal(t, 7, n)
	case <-time.After(5 * time.Second):
		require.FailNow(t, "the pool lost its worker")
	}
	pool.Close()
}
