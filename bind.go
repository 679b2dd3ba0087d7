package als

import (
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
)

// The bound forms below are Bind for the other shapes that APIs which run
// a callback in another goroutine take: func() error (errgroup.Group.Go)
// and a callback with one argument. Each captures the context when it is
// called and runs fn in it, whoever calls the result and wherever.

// BindErr is [Bind] for a function that returns an error, the shape
// errgroup.Group.Go takes: eg.Go(als.BindErr(fn)). The result returns
// fn's error.
func BindErr(fn func() error) func() error {
	if fn == nil {
		panic(errs.NilFuncTo("als.BindErr"))
	}
	f := gls.Current()
	return func() (err error) {
		runIn(f, func() { err = fn() })
		return err
	}
}

// BindArg is [Bind] for a callback with one argument, such as a
// func(*http.Response) or a func(error) handed to a library that calls it
// from its own goroutine. The result passes its argument to fn.
func BindArg[T any](fn func(T)) func(T) {
	if fn == nil {
		panic(errs.NilFuncTo("als.BindArg"))
	}
	f := gls.Current()
	return func(v T) { runIn(f, func() { fn(v) }) }
}
