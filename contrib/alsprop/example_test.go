package alsprop_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsprop"
)

func ExamplePropagator() {
	tenant := als.New[string]()
	p := alsprop.NewPropagator(alsprop.String("tenant", tenant))

	// The sending side writes the current stores into the headers.
	h := http.Header{}
	tenant.Run("acme corp", func() { p.Inject(context.Background(), h) })
	fmt.Println(h.Get("Als-tenant"))

	// The receiving side runs its work in them.
	als.RunContext(p.Extract(context.Background(), h), func() {
		v, _ := tenant.GetStore()
		fmt.Println(v)
	})
	// Output:
	// acme%20corp
	// acme corp
}
