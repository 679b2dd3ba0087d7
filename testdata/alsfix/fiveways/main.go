// Command fiveways hands work to another goroutine in the five ways a Go
// program does, inside one request, and prints the request id each
// goroutine sees. Without als's help every line ends in "-"; after alsfix
// -fix every line ends in the request's id.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-als/als"
	"golang.org/x/sync/errgroup"
)

var requestID = als.New[string]()

// show prints how the goroutine was started and the id it sees.
func show(how string) {
	id, ok := requestID.GetStore()
	if !ok {
		id = "-"
	}
	fmt.Printf("%s: %s\n", how, id)
}

// handle starts one goroutine each way, one after the other, so that the
// output is in a fixed order.
func handle() {
	var wg sync.WaitGroup
	wg.Go(func() { show("sync.WaitGroup.Go") })
	wg.Wait()

	var eg errgroup.Group
	eg.Go(func() error { show("errgroup.Group.Go"); return nil })
	if err := eg.Wait(); err != nil {
		panic(err)
	}

	fired := make(chan struct{})
	time.AfterFunc(time.Millisecond, func() { show("time.AfterFunc"); close(fired) })
	<-fired

	ctx, cancel := context.WithCancel(context.Background())
	canceled := make(chan struct{})
	context.AfterFunc(ctx, func() { show("context.AfterFunc"); close(canceled) })
	cancel()
	<-canceled

	started := make(chan struct{})
	go func() { show("go statement"); close(started) }()
	<-started
}

func main() {
	requestID.Run("req-7", handle)
}
