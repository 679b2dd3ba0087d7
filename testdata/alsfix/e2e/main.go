// Command e2e starts goroutines in every shape that cmd/alsfix rewrites.
// Each goroutine records a result and the request id it sees; main prints
// the records sorted, so the output is the same on every run.
//
// Every result depends on when the go statement evaluates its function
// value and arguments: the goroutines wait at a gate until main has changed
// all the variables involved. A rewrite that evaluated anything inside the
// goroutine would print different numbers. Before the rewrite every record
// ends in "ctx=-"; after it every record but the one of the goroutine
// marked //als:ignore ends in "ctx=req-42", and nothing else may change.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/go-als/als"
)

var requestID = als.New[string]()

var (
	wg      sync.WaitGroup
	gate    = make(chan struct{})
	mu      sync.Mutex
	records []string
)

// record notes a goroutine's result and the request id it runs under.
func record(name string, result any) {
	id, ok := requestID.GetStore()
	if !ok {
		id = "-"
	}
	mu.Lock()
	records = append(records, fmt.Sprintf("%s %v ctx=%s", name, result, id))
	mu.Unlock()
	wg.Done()
}

func report(name string, v int) {
	<-gate
	record(name, v)
}

func sum(name string, xs ...int) {
	<-gate
	total := 0
	for _, x := range xs {
		total += x
	}
	record(name, total)
}

func describe[T any](name string, v T) {
	<-gate
	record(name, fmt.Sprintf("%T:%v", v, v))
}

func double(name string, v int) { <-gate; record(name, 2*v) }

func triple(name string, v int) { <-gate; record(name, 3*v) }

func pair(n int) (string, int) { return fmt.Sprint("tuple-", n), n * 10 }

type counter struct{ n int }

func (c counter) show(name string) { <-gate; record(name, c.n) }

func (c counter) tick() { <-gate; record("method-value-no-args", c.n) }

type account struct{ total int }

func (a *account) show(name string) { <-gate; record(name, a.total) }

type shower interface{ show(name string) }

type holder struct{ fn func(string, int) }

type flag bool

func yesNo(name string, f flag) { <-gate; record(name, bool(f)) }

func start() {
	x := 1
	calls := 0
	next := func() int { calls++; return calls }

	wg.Add(1)
	go report("plain", x)
	wg.Add(1)
	go report("side-effect", next())
	wg.Add(1)
	go func() { <-gate; record("closure", x) }()

	c := counter{n: 5}
	wg.Add(1)
	go c.show("method-value")
	wg.Add(1)
	go c.tick()
	a := &account{total: 7}
	wg.Add(1)
	go a.show("method-pointer")
	var s shower = c
	wg.Add(1)
	go s.show("method-interface")

	for i := range 3 {
		wg.Add(1)
		go func(n int) { <-gate; record(fmt.Sprint("literal-", n), n*n) }(i)
	}
	v := 10
	for j := 0; j < 3; j++ {
		v++
		wg.Add(1)
		go report(fmt.Sprint("loop-", j), v)
		v += 100
	}

	// Nothing changes these after their declaration: the rewrite reads
	// them in the goroutine, without copies.
	y := 3
	wg.Add(1)
	go report("unchanged", y)
	u := counter{n: 9}
	wg.Add(1)
	go u.show("unchanged-method")
	k := 1
	wg.Add(1)
	go report("incremented", k)
	k++

	xs := []int{1, 2, 3}
	wg.Add(1)
	go sum("variadic-spread", xs...)
	wg.Add(1)
	go sum("variadic-list", x, next(), 3)
	wg.Add(1)
	go describe[int64]("generic-explicit", 42)
	wg.Add(1)
	go describe("generic-inferred", x)

	h := holder{fn: double}
	wg.Add(1)
	go h.fn("field", x)
	m := map[string]func(string, int){"k": double}
	wg.Add(1)
	go m["k"]("map", x)
	wg.Add(1)
	go report(pair(x))
	wg.Add(1)
	go yesNo("untyped-bool", x == 1)

	wg.Add(1)
	go func() { //als:ignore this goroutine must not see the request
		<-gate
		record("ignored", x)
	}()

	done := make(chan int)
	ch := done
	go close(ch)

	// Everything the go statements evaluated changes now, before any of
	// the goroutines gets past the gate.
	x, v = 100, 1000
	c.n, a.total = 500, 700
	a, s = &account{total: -1}, counter{n: -1}
	xs = nil
	h.fn, m["k"] = triple, triple
	ch = nil
	close(gate)
	<-done
	wg.Wait()
	fmt.Println("next called", calls, "times; x is now", x)
}

func main() {
	requestID.Run("req-42", start)
	sort.Strings(records)
	fmt.Println(strings.Join(records, "\n"))
}
