package hooks_test

import (
	"fmt"
	"sync"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
)

func ExampleCreate() {
	// Hooks see every resource in the process; this one follows the
	// resources of type "EXAMPLE" only.
	var mu sync.Mutex
	ours := map[uint64]bool{}
	follow := func(id uint64, what string) {
		mu.Lock()
		defer mu.Unlock()
		if ours[id] {
			fmt.Println(what)
		}
	}
	h := hooks.Create(hooks.Callbacks{
		Init: func(id uint64, typ string, trigger uint64, _ any) {
			if typ == "EXAMPLE" {
				mu.Lock()
				ours[id] = true
				mu.Unlock()
				fmt.Println("init", typ, "triggered by root:", trigger == hooks.RootAsyncID)
			}
		},
		Before:  func(id uint64) { follow(id, "before") },
		After:   func(id uint64) { follow(id, "after") },
		Destroy: func(id uint64) { follow(id, "destroy") },
	}).Enable()
	defer h.Disable()

	r := asyncres.New("EXAMPLE")
	r.RunInAsyncScope(func() { fmt.Println("callback") })
	_ = r.EmitDestroy()
	// Output:
	// init EXAMPLE triggered by root: true
	// before
	// callback
	// after
	// destroy
}

func ExampleExecutionAsyncID() {
	fmt.Println("top level:", hooks.ExecutionAsyncID(), hooks.TriggerAsyncID(), hooks.ExecutionAsyncResource())
	r := asyncres.New("EXAMPLE")
	r.RunInAsyncScope(func() {
		fmt.Println("in scope, id is the resource's:", hooks.ExecutionAsyncID() == r.AsyncID())
		fmt.Println("trigger is the top level:", hooks.TriggerAsyncID() == hooks.RootAsyncID)
		fmt.Println("resource:", hooks.ExecutionAsyncResource().(*asyncres.Resource).Type())
	})
	// Output:
	// top level: 1 0 <nil>
	// in scope, id is the resource's: true
	// trigger is the top level: true
	// resource: EXAMPLE
}
