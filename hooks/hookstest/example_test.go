package hookstest_test

import (
	"fmt"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks/hookstest"
)

func ExampleStart() {
	rec := hookstest.Start()
	defer rec.Stop()

	r := asyncres.New("QUERY")
	r.RunInAsyncScope(func() {})
	_ = r.EmitDestroy()

	fmt.Println(rec.Kinds(r.AsyncID()))
	// Output: [init before after destroy]
}
