// Package compiled is checked with the analyzer's compiled flag: there the
// goroutines marked //als:ignore inherit the context anyway.
package compiled

import (
	"sync"
	"time"

	"github.com/go-als/als"
)

func sweep() {}

func start(wg *sync.WaitGroup) {
	go sweep()                         //als:ignore serves the process // want `in compiled mode this go statement inherits the context despite //als:ignore: start it inside als.Detach\(func\(\) { ... }\)`
	time.AfterFunc(time.Second, sweep) //als:ignore a process-wide timer // want `in compiled mode the function time.AfterFunc runs inherits the context despite //als:ignore`
	//als:ignore the line above
	wg.Go(sweep) // want `in compiled mode the function sync.WaitGroup.Go runs`
	als.Go(sweep)
	go als.BindArg(func(int) {})(1)
}
