package alstest_test

import (
	"fmt"
	"sync"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
)

// exampleT stands in for the *testing.T of a real test.
type exampleT struct{ failed bool }

func (*exampleT) Helper()                 {}
func (t *exampleT) Errorf(string, ...any) { t.failed = true }

// In a test, defer alstest.VerifyNone(t) first thing; here a stand-in
// for t shows the outcome. The handler's als.Go child ends a moment after
// it signals the WaitGroup; VerifyNone waits for that instead of failing.
func ExampleVerifyNone() {
	requestID := als.New[string]()
	t := &exampleT{}
	func() {
		defer alstest.VerifyNone(t)
		requestID.Run("req-1", func() {
			var wg sync.WaitGroup
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				id, _ := requestID.GetStore()
				fmt.Println("audited", id)
			})
			wg.Wait()
		})
	}()
	fmt.Println("leak reported:", t.failed)
	// Output:
	// audited req-1
	// leak reported: false
}

// CatchLoss shows what FailOnLoss checks: a plain go statement inside a
// Run drops the store, als.Go carries it. In the default mode it prints
// "request_id lost in github.com/go-als/als/alstest_test.ExampleCatchLoss.func1";
// in compiled mode the go statement carries the store and it prints
// nothing, so the example states no output to check.
func ExampleCatchLoss() {
	requestID := als.New(als.WithName[string]("request_id"))
	stop := alstest.CatchLoss()
	requestID.Run("req-1", func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); requestID.GetStore() }() //als:ignore the loss this example shows
		als.Go(func() { defer wg.Done(); requestID.GetStore() })
		wg.Wait()
	})
	for _, l := range stop() {
		fmt.Printf("%s lost in %s\n", l.Storage, l.Func)
	}
}
