// Package handoffs calls every function of the standard library and
// x/sync that runs a function in a goroutine of its own.
package handoffs

import (
	"context"
	"sync"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/spawn"
	"golang.org/x/sync/errgroup"
)

func work()       {}
func task() error { return nil }

// group has methods named like errgroup's: they are not handoffs.
type group struct{}

func (group) Go(f func())                 {}
func (*group) TryGo(f func() error) bool  { return true }
func AfterFunc(d time.Duration, f func()) {}

type server struct {
	wg    sync.WaitGroup
	group *errgroup.Group
	tasks []func() error
}

func calls(ctx context.Context, wg *sync.WaitGroup, eg *errgroup.Group, s *server, f func()) {
	wg.Go(work)                             // want `sync.WaitGroup.Go runs its function without the als context: wrap the function in als.Bind, or mark the call //als:ignore <reason>`
	wg.Go(func() { work() })                // want `sync.WaitGroup.Go runs`
	eg.Go(task)                             // want `errgroup.Group.Go runs its function without the als context: wrap the function in als.BindErr`
	_ = eg.TryGo(s.tasks[0])                // want `errgroup.Group.TryGo runs`
	s.wg.Go(f)                              // want `sync.WaitGroup.Go runs`
	s.group.Go(s.tasks[1])                  // want `errgroup.Group.Go runs`
	(*s).wg.Go((f))                         // want `sync.WaitGroup.Go runs`
	t := time.AfterFunc(time.Second, f)     // want `time.AfterFunc runs`
	stop := context.AfterFunc(ctx, func() { // want `context.AfterFunc runs`
		work()
	})
	_, _ = t, stop
	time.AfterFunc(time.Second, nil) // want `time.AfterFunc runs`
}

func notHandoffs(wg *sync.WaitGroup, eg *errgroup.Group, f func()) {
	wg.Go(als.Bind(f))
	eg.Go(als.BindErr(task))
	var g spawn.Group
	g.Go(task)
	spawn.AfterFunc(time.Second, f)
	group{}.Go(f)
	_ = (&group{}).TryGo(task)
	AfterFunc(time.Second, f)
	wg.Go(f) //als:ignore the line of the call
	//als:ignore the line above
	time.AfterFunc(time.Second, f)
}

func values(wg *sync.WaitGroup, s *server) {
	var local sync.WaitGroup
	f := wg.Go                 // want `sync.WaitGroup.Go used as a value`
	g := local.Go              // want `sync.WaitGroup.Go used as a value`
	h := s.group.TryGo         // want `errgroup.Group.TryGo used as a value`
	i := s.wg.Go               // want `sync.WaitGroup.Go used as a value`
	af := time.AfterFunc       // want `time.AfterFunc used as a value`
	me := (*sync.WaitGroup).Go // want `sync.WaitGroup.Go used as a value`
	f(work)
	g(work)
	_ = h(task)
	i(work)
	af(time.Second, work)
	me(wg, work)
	run(context.AfterFunc) // want `context.AfterFunc used as a value`
}

func run(func(context.Context, func()) func() bool) {}

func generic[T any](wg *sync.WaitGroup, eg *errgroup.Group, v T, use func(T)) {
	wg.Go(func() { use(v) })                   // want `sync.WaitGroup.Go runs`
	time.AfterFunc(0, func() { use(v) })       // want `time.AfterFunc runs`
	eg.Go(func() error { use(v); return nil }) // want `errgroup.Group.Go runs`
}

func genericFunc[F ~func()](wg *sync.WaitGroup, f F) {
	wg.Go(f) // want `sync.WaitGroup.Go runs`
}
