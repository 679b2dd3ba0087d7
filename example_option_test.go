package als_test

import (
	"fmt"

	"github.com/go-als/als"
)

func ExampleWithName() {
	requestID := als.New(als.WithName[string]("request_id"))
	unnamed := als.New[int]()
	fmt.Println(requestID)
	fmt.Println(unnamed)
	// Output:
	// request_id
	// als.Storage[int]
}

func ExampleWithDefault() {
	tenant := als.New(als.WithDefault("public"), als.WithName[string]("tenant"))
	v, ok := tenant.GetStore()
	fmt.Println(v, ok) // outside any context: the default, and false
	tenant.Run("acme", func() {
		v, ok := tenant.GetStore()
		fmt.Println(v, ok)
	})
	// Output:
	// public false
	// acme true
}
