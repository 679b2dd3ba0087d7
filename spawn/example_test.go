package spawn_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/spawn"
)

var requestID = als.New[string]()

func ExampleGo() {
	done := make(chan struct{})
	requestID.Run("req-7", func() {
		spawn.Go(func() {
			defer close(done)
			id, _ := requestID.GetStore()
			fmt.Println("child sees", id)
		})
	})
	<-done
	// Output: child sees req-7
}

func ExampleGroup() {
	var g spawn.Group
	g.SetLimit(2)
	results := make([]string, 3)
	requestID.Run("req-8", func() {
		for i := range results {
			g.Go(func() error {
				id, _ := requestID.GetStore()
				results[i] = fmt.Sprintf("part %d of %s", i, id)
				return nil
			})
		}
	})
	fmt.Println(g.Wait())
	for _, r := range results {
		fmt.Println(r)
	}
	// Output:
	// <nil>
	// part 0 of req-8
	// part 1 of req-8
	// part 2 of req-8
}

func ExampleWithContext() {
	errNotFound := errors.New("not found")
	g, ctx := spawn.WithContext(context.Background())
	g.Go(func() error { return errNotFound })
	g.Go(func() error {
		<-ctx.Done() // the other member failed: stop early
		return ctx.Err()
	})
	fmt.Println(g.Wait())
	// Output: not found
}

func ExampleAfterFunc() {
	fired := make(chan string)
	requestID.Run("req-9", func() {
		spawn.AfterFunc(10*time.Millisecond, func() {
			id, _ := requestID.GetStore()
			fired <- id
		})
	})
	fmt.Println("timer fired for", <-fired)
	// Output: timer fired for req-9
}

// The seed's WorkerPool: ten tasks adding 42 and 100, each callback in the
// context of the code that submitted it.
func ExamplePool() {
	pool := spawn.NewPool[int](runtime.NumCPU())
	defer pool.Close()

	var wg sync.WaitGroup
	lines := make([]string, 10)
	for i := range lines {
		wg.Add(1)
		requestID.Run(fmt.Sprintf("req-%d", i), func() {
			err := pool.Submit(func() (int, error) { return 42 + 100, nil }, func(sum int, err error) {
				defer wg.Done()
				id, _ := requestID.GetStore()
				lines[i] = fmt.Sprintf("%d %v %d %s", i, err, sum, id)
			})
			if err != nil {
				panic(err)
			}
		})
	}
	wg.Wait()
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// 0 <nil> 142 req-0
	// 1 <nil> 142 req-1
	// 2 <nil> 142 req-2
	// 3 <nil> 142 req-3
	// 4 <nil> 142 req-4
	// 5 <nil> 142 req-5
	// 6 <nil> 142 req-6
	// 7 <nil> 142 req-7
	// 8 <nil> 142 req-8
	// 9 <nil> 142 req-9
}

func ExamplePool_Submit_panic() {
	pool := spawn.NewPool[int](1)
	defer pool.Close()
	errc := make(chan error)
	_ = pool.Submit(func() (int, error) { panic("division by zero") }, func(_ int, err error) { errc <- err })
	err := <-errc
	fmt.Println(err)
	fmt.Println(errors.Is(err, spawn.ErrTaskPanicked))
	// Output:
	// spawn: task panicked: division by zero
	// true
}
