package spawn

import (
	"errors"

	"github.com/go-als/als/internal/errs"
)

// ErrNilFunc is wrapped by the panic of any function here given a nil fn.
// It is the same value as als.ErrNilFunc.
var ErrNilFunc = errs.NilFunc

// ErrGroupActive is wrapped by the panic of Group.SetLimit while members
// of the group are running.
var ErrGroupActive = errors.New("spawn: group limit changed while members run")

// ErrPoolClosed is returned by Pool.Submit after Close, and given to the
// callbacks of tasks that were still queued when Close was called.
var ErrPoolClosed = errors.New("spawn: pool closed")

// ErrTaskPanicked is wrapped by the error a Pool gives the callback of a
// task that panicked; errors.As with *PanicError gets the panic value.
var ErrTaskPanicked = errors.New("spawn: task panicked")

// ErrInvalidPoolSize is wrapped by the panic of NewPool when asked for
// fewer than one worker.
var ErrInvalidPoolSize = errors.New("spawn: pool needs at least one worker")

// ErrTaskExited is wrapped by the error a Pool gives the callback of a
// task that ended its goroutine with runtime.Goexit, as t.FailNow does.
var ErrTaskExited = errors.New("spawn: task called runtime.Goexit")
