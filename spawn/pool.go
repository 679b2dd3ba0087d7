package spawn

import (
	"fmt"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/petermattis/goid"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/internal/errs"
)

// Pool is a fixed number of long-lived worker goroutines that run
// submitted tasks, Node's WorkerPool example done in Go. The workers hold
// no context of their own: each task carries an asyncres.Resource made at
// Submit, so the task and its callback run in the submitter's context,
// whichever worker picks them up. Create a Pool with NewPool; it is safe
// for concurrent use.
type Pool[R any] struct {
	mu      sync.Mutex
	wake    sync.Cond // signalled when queue grows or the pool closes
	queue   []*job[R] // FIFO of submitted tasks no worker took yet
	closed  bool      // no more Submit; workers drain queue with ErrPoolClosed
	goids   []int64   // per worker slot, the id of the goroutine serving it
	workers sync.WaitGroup
}

type job[R any] struct {
	res      *asyncres.Resource
	task     func() (R, error)
	callback func(R, error)
}

// NewPool starts a pool of n workers. It panics with an error wrapping
// ErrInvalidPoolSize when n < 1.
func NewPool[R any](n int) *Pool[R] {
	if n < 1 {
		panic(fmt.Errorf("%w: NewPool(%d)", ErrInvalidPoolSize, n))
	}
	p := &Pool[R]{goids: make([]int64, n)}
	p.wake.L = &p.mu
	p.workers.Add(n)
	for w := range n {
		go p.work(w) //als:ignore workers serve every submitter, so they must hold none's context
	}
	return p
}

// Submit queues task and returns at once. A worker later runs task and
// then callback with its result, both in the caller's current context.
// A task that panics gives callback an error wrapping ErrTaskPanicked
// (a *PanicError) and the worker goes on serving; a panic in callback is
// not recovered. A task that calls runtime.Goexit (t.FailNow does) gives
// callback an error wrapping ErrTaskExited; the pool replaces the ended
// worker, also when a callback called runtime.Goexit. After Close, Submit returns ErrPoolClosed and calls
// nothing.
func (p *Pool[R]) Submit(task func() (R, error), callback func(R, error)) error {
	if task == nil || callback == nil {
		panic(errs.NilFuncTo("Pool.Submit"))
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return ErrPoolClosed
	}
	// The resource is made outside the lock: its Init hook may call
	// anything, this pool included.
	j := &job[R]{res: asyncres.New(TypePoolTask, asyncres.WithRequireManualDestroy()), task: task, callback: callback}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		_ = j.res.EmitDestroy() // the job's only destroy
		return ErrPoolClosed
	}
	p.queue = append(p.queue, j)
	p.mu.Unlock()
	p.wake.Signal()
	return nil
}

// Close stops the pool and waits for its workers to end. Tasks already
// running finish and report their results; tasks still queued do not run,
// and their callbacks get ErrPoolClosed. No callback is dropped. Calling
// Close again just waits.
//
// Called from a task or callback of this pool, as Node's example does
// after the last result, Close cannot wait for the worker it runs on: it
// stops the pool and returns, and the workers end soon after.
func (p *Pool[R]) Close() {
	// The goroutine, not the execution resource, tells whether the caller
	// is one of the workers: a task may run Close inside a resource scope
	// of its own, which changes the execution resource but not the
	// goroutine.
	self := goid.Get()
	p.mu.Lock()
	p.closed = true
	onWorker := slices.Contains(p.goids, self)
	p.mu.Unlock()
	p.wake.Broadcast()
	if !onWorker {
		p.workers.Wait()
	}
}

func (p *Pool[R]) work(w int) {
	defer p.workers.Done()
	p.mu.Lock()
	p.goids[w] = goid.Get()
	p.mu.Unlock()
	// A task or callback that calls runtime.Goexit ends this goroutine
	// whatever it defers; ended says whether the loop ran to its end, and
	// if not, a new goroutine takes over slot w, so that the pool keeps
	// its size and the queued jobs still get their callbacks.
	ended := false
	defer func() {
		if !ended {
			p.workers.Add(1) // before this worker's Done, so Close waits on
			go p.work(w)     //als:ignore workers serve every submitter, so they must hold none's context
		}
	}()
	for {
		j, closed := p.next(w)
		if j == nil {
			ended = true
			return
		}
		if closed {
			var zero R
			j.finish(zero, ErrPoolClosed)
			continue
		}
		j.run()
	}
}

// run runs the task and then the callback with its result. If the task
// calls runtime.Goexit, the callback still runs, on the way out, with an
// error wrapping ErrTaskExited.
func (j *job[R]) run() {
	var res R
	var err error
	returned := false
	defer func() {
		if !returned {
			var zero R
			j.finish(zero, ErrTaskExited)
		}
	}()
	j.res.RunInAsyncScope(func() { res, err = protect(j.task) })
	returned = true
	j.finish(res, err)
}

// next waits for a queued job for worker w and reports whether the pool
// was closed when the job was taken; it returns nil once the pool is
// closed and empty.
func (p *Pool[R]) next(w int) (*job[R], bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.queue) == 0 && !p.closed {
		p.wake.Wait()
	}
	if len(p.queue) == 0 {
		return nil, true
	}
	j := p.queue[0]
	p.queue[0] = nil // let the job be collected once done
	p.queue = p.queue[1:]
	return j, p.closed
}

// finish delivers a result in the submitter's context and ends the job's
// resource, as WorkerPoolTaskInfo.done does in Node's example.
func (j *job[R]) finish(res R, err error) {
	// Deferred, so that a callback that calls runtime.Goexit still ends
	// the resource.
	defer func() { _ = j.res.EmitDestroy() }() // the job's only destroy
	j.res.RunInAsyncScope(func() { j.callback(res, err) })
}

// protect runs task and turns a panic into a *PanicError.
func protect[R any](task func() (R, error)) (res R, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return task()
}

// PanicError is the error a Pool gives a callback whose task panicked. It
// wraps ErrTaskPanicked and, when the panic value is an error, that too.
type PanicError struct {
	Value any    // what the task panicked with
	Stack []byte // the task's stack at the panic
}

// Error describes the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("%v: %v", ErrTaskPanicked, e.Value) }

// Unwrap returns ErrTaskPanicked and, if the panic value is an error, it.
func (e *PanicError) Unwrap() []error {
	if v, ok := e.Value.(error); ok {
		return []error{ErrTaskPanicked, v}
	}
	return []error{ErrTaskPanicked}
}
