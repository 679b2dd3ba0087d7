package readme_test

import (
	"sync"
	"testing"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
)

// The snippets of Troubleshooting context loss. The test runs: checkout
// hands work to other goroutines only in ways that carry the store, so
// FailOnLoss finds nothing, in both modes.

var requestID = als.New(als.WithName[string]("request_id"))

func TestCheckoutKeepsTheRequest(t *testing.T) {
	alstest.FailOnLoss(t)
	requestID.Run("req-7", checkout)
}

func checkout() {
	var wg sync.WaitGroup
	wg.Add(1)
	als.Go(func() {
		defer wg.Done()
		requestID.GetStore()
	})
	wg.Add(1)
	time.AfterFunc(time.Millisecond, als.Bind(func() {
		defer wg.Done()
		requestID.GetStore()
	}))
	wg.Wait()
}

func startRefresher(refreshCaches func()) {
	als.Detach(func() {
		go refreshCaches() //als:ignore process-wide: serves every request, not the one that started it
	})
}

var _ = startRefresher
