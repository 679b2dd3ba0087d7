package als_test

import (
	"fmt"
	"sync"

	"github.com/go-als/als"
)

// A cache refresher lives as long as the process; the request that
// happens to start it must not stay in its context. Detach starts it
// clean, in compiled mode too, where a plain go statement would inherit
// the request.
func ExampleDetach() {
	user := als.New(als.WithName[string]("user"))
	var wg sync.WaitGroup
	var refresherHasUser bool
	user.Run("alice", func() {
		als.Detach(func() {
			wg.Add(1)
			als.Go(func() { // the refresher
				defer wg.Done()
				_, refresherHasUser = user.GetStore()
			})
		})
		u, _ := user.GetStore()
		fmt.Println("request still has:", u)
	})
	wg.Wait()
	fmt.Println("refresher has a user:", refresherHasUser)
	// Output:
	// request still has: alice
	// refresher has a user: false
}
