package hookstest_test

import (
	"fmt"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks/hookstest"
)

// cleanups stands in for the *testing.T of a real test, which runs the
// functions given to Cleanup when the test ends.
type cleanups []func()

func (c *cleanups) Cleanup(f func()) { *c = append(*c, f) }

func (c *cleanups) run() {
	for i := len(*c) - 1; i >= 0; i-- {
		(*c)[i]()
	}
}

func ExampleStart() {
	t := &cleanups{}
	defer t.run()
	rec := hookstest.Start(t) // in a test: hookstest.Start(t), and nothing to stop

	r := asyncres.New("QUERY")
	r.RunInAsyncScope(func() {})
	_ = r.EmitDestroy()

	fmt.Println(rec.Kinds(r.AsyncID()))
	// Output: [init before after destroy]
}
