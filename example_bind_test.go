package als_test

import (
	"errors"
	"fmt"

	"github.com/go-als/als"
)

// A library that runs a func() error later, from a goroutine of its own,
// as errgroup.Group.Go does: the bound form carries the request into it.
func ExampleBindErr() {
	var task func() error
	requestID.Run("req-8", func() {
		task = als.BindErr(func() error {
			logf("task")
			return errors.New("task failed")
		})
	})
	done := make(chan error)
	go func() { done <- task() }() //als:ignore the library's own goroutine, without context
	fmt.Println(<-done)
	// Output:
	// req-8: task
	// task failed
}

// A callback with one argument, registered in one request and called by
// whoever produces the value.
func ExampleBindArg() {
	var onResult func(int)
	requestID.Run("req-9", func() {
		onResult = als.BindArg(func(n int) { logf(fmt.Sprint("result ", n)) })
	})
	requestID.Run("producer", func() {
		onResult(42)
		logf("produced")
	})
	// Output:
	// req-9: result 42
	// producer: produced
}
