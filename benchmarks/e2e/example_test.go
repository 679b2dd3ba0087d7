package e2e_test

import (
	"fmt"
	"time"

	"github.com/go-als/als/benchmarks/e2e"
)

// Start one version of the service and drive it with a small load.
func ExampleDrive() {
	var lines e2e.LineCounter
	srv, err := e2e.Start(e2e.ModeALS, &lines)
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	res, err := e2e.Drive(srv.URL, e2e.Load{Requests: 20, Clients: 2, MaxDuration: time.Minute})
	if err != nil {
		panic(err)
	}
	fmt.Println("completed:", res.Completed, "failed:", res.Failed, "logged:", lines.Lines())
	// Output: completed: 20 failed: 0 logged: 20
}

// Compare drives both versions in alternating rounds.
func ExampleCompare() {
	c, err := e2e.Compare(e2e.Load{Requests: 20, Clients: 2, MaxDuration: time.Minute}, 2)
	if err != nil {
		panic(err)
	}
	fmt.Println("rounds:", len(c.ALS), len(c.Ctx), "ratio measured:", c.Ratio() > 0)
	// Output: rounds: 2 2 ratio measured: true
}
