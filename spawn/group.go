package spawn

import (
	"context"
	"fmt"
	"sync"

	"github.com/go-als/als/internal/errs"
)

// Group runs a set of goroutines that each return an error, like
// golang.org/x/sync/errgroup, except that every member starts through Go
// and so runs in the context of the code that called Group.Go. The zero
// value is ready to use, has no limit and cancels nothing. A Group must
// not be copied after first use.
type Group struct {
	wg     sync.WaitGroup
	cancel context.CancelCauseFunc // set by WithContext; nil otherwise

	// sem holds one token per running member when a limit is set.
	sem chan struct{}

	errOnce sync.Once
	err     error
}

// WithContext returns a new Group and a context derived from ctx that is
// cancelled, with the first error as its cause, when a member first
// returns a non-nil error or when Wait returns, whichever happens first.
func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, ctx
}

// SetLimit makes Go block while n members are running; a negative n
// removes the limit. Change the limit only while no member runs: SetLimit
// panics with an error wrapping ErrGroupActive otherwise.
func (g *Group) SetLimit(n int) {
	if g.sem != nil && len(g.sem) != 0 {
		panic(fmt.Errorf("%w: SetLimit with %d members running", ErrGroupActive, len(g.sem)))
	}
	if n < 0 {
		g.sem = nil
		return
	}
	g.sem = make(chan struct{}, n)
}

// Go runs fn in a new goroutine in the caller's context, waiting first
// while the group is at its limit. The first non-nil error any member
// returns is what Wait returns. A panic in fn crashes the program, as in
// Go.
func (g *Group) Go(fn func() error) {
	if fn == nil {
		panic(errs.NilFuncTo("Group.Go"))
	}
	if g.sem != nil {
		g.sem <- struct{}{}
	}
	g.start(g.sem, fn)
}

// TryGo runs fn like Go if the group is below its limit, and reports
// whether it did.
func (g *Group) TryGo(fn func() error) bool {
	if fn == nil {
		panic(errs.NilFuncTo("Group.TryGo"))
	}
	if g.sem != nil {
		select {
		case g.sem <- struct{}{}:
		default:
			return false
		}
	}
	g.start(g.sem, fn)
	return true
}

// start runs fn as a member holding a token of sem, if not nil. The
// member gets sem as an argument rather than reading g.sem, which only
// the goroutines calling Go and SetLimit touch.
func (g *Group) start(sem chan struct{}, fn func() error) {
	g.wg.Add(1)
	Go(func() {
		defer g.done(sem)
		if err := fn(); err != nil {
			g.errOnce.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel(err)
				}
			})
		}
	})
}

func (g *Group) done(sem chan struct{}) {
	if sem != nil {
		<-sem
	}
	g.wg.Done()
}

// Wait waits for every member started so far and returns the first
// non-nil error one of them returned, or nil.
func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel(g.err)
	}
	return g.err
}
