package als_test

import (
	"context"
	"fmt"

	"github.com/go-als/als"
)

// callLater stands for any API that passes only a ctx to the code it calls
// back, on a goroutine of its own, like a driver or an RPC framework. Its
// worker was started before any request, so it holds no request's context
// in either mode (in compiled mode a goroutine started inside a request
// would inherit it).
func callLater(ctx context.Context, callback func(context.Context)) {
	done := make(chan struct{})
	libraryJobs <- func() {
		defer close(done)
		callback(ctx)
	}
	<-done
}

var libraryJobs = func() chan func() {
	jobs := make(chan func())
	go func() { //als:ignore stands for a library's goroutine
		for job := range jobs {
			job()
		}
	}()
	return jobs
}()

func ExampleWithContext() {
	requestID.Run("req-7", func() {
		ctx := als.WithContext(context.Background())
		callLater(ctx, func(ctx context.Context) {
			logf("in the callback, no context") // the library's goroutine
			als.RunContext(ctx, func() { logf("in the callback, ctx's context") })
		})
	})
	// Output:
	// -: in the callback, no context
	// req-7: in the callback, ctx's context
}

func ExampleRunContext() {
	var ctx context.Context
	requestID.Run("req-8", func() { ctx = als.WithContext(context.Background()) })

	als.RunContext(ctx, func() { logf("carried") })
	requestID.Run("req-9", func() {
		// A ctx that never passed through WithContext changes nothing.
		als.RunContext(context.Background(), func() { logf("plain ctx") })
	})
	// Output:
	// req-8: carried
	// req-9: plain ctx
}

func ExampleStorage_FromContext() {
	var ctx context.Context
	requestID.Run("req-4", func() { ctx = als.WithContext(context.Background()) })
	id, ok := requestID.FromContext(ctx)
	fmt.Println(id, ok)
	// Output:
	// req-4 true
}
