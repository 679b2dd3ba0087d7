// Command lost hands work to other goroutines inside a Run in the five
// ways a Go program does, none of which carries the store, and prints what
// each saw. Run with ALS_DEBUG=lost it shows what the context-loss
// detector says; internal/lost's end-to-end test does that.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/go-als/als"
)

var requestID = als.New(als.WithName[string]("request_id"))

func main() {
	var mu sync.Mutex
	seen := map[string]string{}
	report := func(way string) {
		// Twice: the detector reports a site once, not once per read.
		requestID.GetStore()
		v, ok := requestID.GetStore()
		mu.Lock()
		defer mu.Unlock()
		seen[way] = fmt.Sprintf("%q %v", v, ok)
	}
	requestID.Run("req-7", func() {
		var wg sync.WaitGroup
		wg.Go(func() { report("sync.WaitGroup.Go") })

		var g errgroup.Group
		g.Go(func() error { report("errgroup.Group.Go"); return nil })

		wg.Add(1)
		time.AfterFunc(time.Millisecond, func() { defer wg.Done(); report("time.AfterFunc") })

		ctx, cancel := context.WithCancel(context.Background())
		wg.Add(1)
		context.AfterFunc(ctx, func() { defer wg.Done(); report("context.AfterFunc") })
		cancel()

		for range 3 { // three goroutines, one site
			wg.Add(1)
			go func() { defer wg.Done(); report("go statement") }() //als:ignore the loss this program shows
		}

		wg.Wait()
		_ = g.Wait()
	})
	for _, way := range []string{"sync.WaitGroup.Go", "errgroup.Group.Go", "time.AfterFunc", "context.AfterFunc", "go statement"} {
		fmt.Printf("%s: %s\n", way, seen[way])
	}
}
