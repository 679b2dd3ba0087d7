package als_test

import (
	"fmt"
	"sync"

	"github.com/go-als/als"
)

var requestID = als.New[string](als.WithDefault("-"))

// logf needs no id parameter and no ctx: it reads the request's store.
func logf(msg string) {
	id, _ := requestID.GetStore()
	fmt.Printf("%s: %s\n", id, msg)
}

func ExampleStorage_Run() {
	logf("outside")
	requestID.Run("req-1", func() {
		logf("inside")
		requestID.Run("req-2", func() { logf("nested") })
		logf("back")
	})
	// Output:
	// -: outside
	// req-1: inside
	// req-2: nested
	// req-1: back
}

func ExampleStorage_GetStore() {
	tenant := als.New[string]()
	tenant.Run("acme", func() {
		if t, ok := tenant.GetStore(); ok {
			fmt.Println("tenant:", t)
		}
	})
	_, ok := tenant.GetStore()
	fmt.Println("outside, has tenant:", ok)
	// Output:
	// tenant: acme
	// outside, has tenant: false
}

func ExampleStorage_EnterWith() {
	var wg sync.WaitGroup
	wg.Add(1)
	als.Go(func() { // a worker that sets its store once for its whole life
		defer wg.Done()
		requestID.EnterWith("worker-7")
		logf("ready")
		requestID.Run("job-1", func() { logf("working") })
		logf("idle")
	})
	wg.Wait()
	// Output:
	// worker-7: ready
	// job-1: working
	// worker-7: idle
}

func ExampleStorage_Exit() {
	requestID.Run("req-1", func() {
		requestID.Exit(func() { logf("housekeeping") })
		logf("handled")
	})
	// Output:
	// -: housekeeping
	// req-1: handled
}

func ExampleGo() {
	requestID.Run("req-9", func() {
		var wg sync.WaitGroup
		wg.Add(1)
		als.Go(func() { // go func() {...}() would print "-: in goroutine", except in compiled mode
			defer wg.Done()
			logf("in goroutine")
		})
		wg.Wait()
	})
	// Output:
	// req-9: in goroutine
}

func ExampleBind() {
	var callback func()
	requestID.Run("registered", func() {
		callback = als.Bind(func() { logf("callback") })
	})
	requestID.Run("emitter", func() {
		callback() // runs in the context it was bound in
		logf("after callback")
	})
	// Output:
	// registered: callback
	// emitter: after callback
}

func ExampleSnapshot() {
	var runInRequest func(func())
	requestID.Run("req-3", func() {
		runInRequest = als.Snapshot()
	})
	runInRequest(func() { logf("first") })
	runInRequest(func() { logf("second") })
	logf("outside")
	// Output:
	// req-3: first
	// req-3: second
	// -: outside
}

func ExampleCall() {
	n := als.Call(requestID, "req-5", func() int {
		logf("computing")
		return 42
	})
	fmt.Println(n)
	// Output:
	// req-5: computing
	// 42
}
