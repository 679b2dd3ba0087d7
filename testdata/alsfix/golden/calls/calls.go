// Package calls holds one go statement of every shape the fixer rewrites.
package calls

import (
	"fmt"
	"sync"

	"github.com/go-als/als"
)

var requestID = als.New[string]()

func work(id int, name string) { fmt.Println(requestID.GetStore()); _, _ = id, name }

func sum(label string, xs ...int) {}

func pair() (int, string) { return 1, "one" }

func next() int { return 1 }

func apply(n int, f func() int) {}

func gen[T any](v T)                     {}
func gen2[K comparable, V any](k K, v V) {}

type counter struct{ n int }

func (c counter) show(x int)   {}
func (c *counter) add(x int)   {}
func (c *counter) Reset()      {}
func (c counter) Report(x int) {}

type handler struct{ fn func(int) }

type shower interface{ show(int) }

type flag bool

func setFlag(f flag) {}

func shift(v int64) {}

func plain(id int, name string) {
	go work(id, name)               // want "go statement drops the als context: use als.Go, or mark it //als:ignore <reason>"
	go work(7, "seven")             // want "go statement"
	go work(next(), fmt.Sprint(id)) // want "go statement"
	go fmt.Println(id, name)        // want "go statement"
	go work(id, name+"!")           // want "go statement"
}

func noArgs(wg *sync.WaitGroup) {
	go func() { // want "go statement"
		defer wg.Done()
		work(1, "x")
	}()
	go (func() {})()             // want "go statement"
	go func() int { return 1 }() // want "go statement"
}

func literalArgs(items []string) {
	for i, item := range items {
		go func(n int, s string) { // want "go statement"
			work(n, s)
		}(i, item)
	}
	go func(xs ...int) {}(1, 2)             // want "go statement"
	go func(n int, s string) {}(pair())     // want "go statement"
	go func(n int) int { return n }(next()) // want "go statement"
}

func methods(c counter, p *counter, s shower) {
	go c.show(1)            // want "go statement"
	go p.add(next())        // want "go statement"
	go p.Reset()            // want "go statement"
	go c.Report(2)          // want "go statement"
	go s.show(3)            // want "go statement"
	go (*counter).add(p, 4) // want "go statement"
}

func variadic(xs []int) {
	go sum("spread", xs...)          // want "go statement"
	go sum("list", xs[0], next(), 3) // want "go statement"
	go sum("none")                   // want "go statement"
}

func generics(v float64) {
	go gen[int](next())          // want "go statement"
	go gen(v)                    // want "go statement"
	go gen2[string, int]("k", 1) // want "go statement"
	go gen2("k", v)              // want "go statement"
}

func lookups(h handler, m map[string]func(int), hs []handler, get func() func(int)) {
	go h.fn(1)          // want "go statement"
	go m["k"](next())   // want "go statement"
	go hs[next()].fn(2) // want "go statement"
	go get()(3)         // want "go statement"
	go (h.fn)(4)        // want "go statement"
}

func loops(n int, ch chan int) {
	for i := 0; i < n; i++ {
		go work(i, "loop") // want "go statement"
	}
	for v := range ch {
		go func() { work(v, "range") }() // want "go statement"
	}
}

func builtins(ch chan int, m map[string]int, dst []byte, err error) {
	go println("x", len(dst)) // want "go statement"
	go close(ch)              // want "go statement"
	go delete(m, "k")         // want "go statement"
	go copy(dst, "abc")       // want "go statement"
	go panic(err)             // want "go statement"
}

func untyped(a, b int, s uint) {
	go setFlag(a == b)  // want "go statement"
	go shift(1 << s)    // want "go statement"
	go work(next(), "") // want "go statement"
}

func shadowing(x int) {
	go work(x, func() string { return fmt.Sprint(x) }())   // want "go statement"
	go func(f func() int) { f() }(func() int { return x }) // want "go statement"
	go apply(x, func() int { return x })                   // want "go statement"
}

type pairHandler struct{ fn func(int, string) }

func tuple(h pairHandler) {
	go work(pair()) // want "go statement"
	go h.fn(pair()) // want "go statement"
}

func multiline(x int) {
	go work( // want "go statement"
		x,
		fmt.Sprint(
			next(),
		),
	)
}

func nested(wg *sync.WaitGroup) {
	go func() { // want "go statement"
		go work(1, "inner") // want "go statement"
	}()
}

func ignored() {
	go work(1, "a") //als:ignore this one must not inherit the request
	//als:ignore the line above counts too
	go work(2, "b")
	// A longer explanation that ends with the directive.
	//als:ignore
	go work(3, "c")
	go func() { //als:ignore trailing on the first line of a literal
	}()
	n := 4          //als:ignore a trailing directive is about its own line only
	go work(n, "d") // want "go statement"
	go work(5, "e") //als:ignored is not the directive // want "go statement"
}

type conn struct{ closed bool }

func (c *conn) readLoop()    {}
func (c *conn) Close() error { return nil }

type runner struct{}

func (runner) Go(n int) {}

func publish(numMsgs int, subject string) {}

// shortForms: a call with no arguments of a func() value is als.Go of the
// value, which is evaluated at the call as at the go statement.
func shortForms(c *conn, loops []func(), get func() func()) {
	go c.readLoop()    // want "go statement"
	go loops[next()]() // want "go statement"
	go get()()         // want "go statement"
	go (c.readLoop)()  // want "go statement"
}

// naming: no copy hides a builtin, a keyword or a variable of the caller.
func naming(c *conn, r runner, numMsgs string, subject string) {
	go c.Close()                          // want "go statement"
	go r.Go(1)                            // want "go statement"
	go publish(len(numMsgs), subject+"!") // want "go statement"
	c, r = nil, runner{}                  // changed after the statements: copies
}

// unchanging: an argument or receiver that nothing changes after its
// declaration needs no copy; anything else does.
func unchanging(a, b int, c counter, p *counter, s shower, xs []int, vp *counter) {
	go work(a, "never changed") // want "go statement"
	go work(b, "changed later") // want "go statement"
	b++
	go c.show(1)      // want "go statement"
	go p.add(1)       // want "go statement"
	go s.show(2)      // want "go statement"
	go vp.show(3)     // want "go statement"
	go sum("", xs...) // want "go statement"
	var q int
	go work(q, "assigned later") // want "go statement"
	q = 2
	r := 1
	go work(r, "address taken") // want "go statement"
	_ = &r
	t := counter{}
	go work(t.n, "method with pointer receiver") // want "go statement"
	go t.show(2)                                 // want "go statement"
	t.add(1)
	for _, v := range xs {
		go work(v, "range variable") // want "go statement"
	}
	handler := func(n int) {}
	go handler(1) // want "go statement"
	changing := func(n int) {}
	go changing(2) // want "go statement"
	changing = handler
	_, _ = q, &b
}

// bindArg: a literal with one parameter is bound with als.BindArg in the
// go statement, and only its first line changes.
func bindArg(items []string) {
	for i := range items {
		go func(i int) { // want "go statement"
			work(i, "one parameter")
		}(i)
	}
	go func(n int64) { _ = n }(5) // want "go statement"
	go func(_ string) {}("blank") // want "go statement"
	go als.BindArg(func(n int) { work(n, "bound already") })(1)
}

// flat: the parameters of a literal with more than one become copies
// before the call when that is safe, so that the body keeps its
// indentation.
func flat(items []string, x int64) {
	for i, item := range items {
		go func(n int, s string) { // want "go statement"
			work(n, s)
		}(i, item)
	}
	go func(n int64, s string) { work(int(n), s) }(x, "const") // want "go statement"
	switch {
	case x > 0:
		go func(n, m int) { work(n+m, "case") }(1, 2) // want "go statement"
	}
}

func flatConverted() {
	go func(n int64, s string) { work(int(n), s) }(5, "five") // want "go statement"
}

// notFlat: the cases where copies before the call would change the
// program, and the literal binds its parameters instead.
func notFlat(x int64) {
	go func(n, m int) { _ = n }(1, 2)         // want "go statement"
	go func(x, y int) { _ = x + y }(1, 2)     // want "go statement"
	go func(k, j int) { work(k+j, "") }(2, 3) // want "go statement"
	k := 3
	_ = k
	go func(s, t string) { _ = s + t }("first", "1")  // want "go statement"
	go func(s, t string) { _ = s + t }("second", "2") // want "go statement"
	go func(xs ...int) { _ = xs }(1, 2)               // want "go statement"
	go func(v, w any) { _, _ = v, w }(1, 2)           // want "go statement"
}

func withGoto(n int) {
	go func(m, o int) { _ = m + o }(n, 1) // want "go statement"
	if n > 0 {
		goto end
	}
end:
}

type nc struct{ ch chan int }

func (c *nc) readLoop() {}

func (c *nc) flusher() {
	for {
		<-c.ch
		for range c.ch {
			break // ends the inner loop only
		}
	}
}

func (c *nc) drain() {
	for {
		if _, ok := <-c.ch; !ok {
			return
		}
	}
}

func (c *nc) worker() {
	defer close(c.ch)
	for v := range c.ch {
		_ = v
	}
}

func (c *nc) retry() {
	if c.ch == nil {
		for {
			if _, ok := <-c.ch; ok {
				return
			}
		}
	}
}

func (c *nc) labeled() {
outer:
	for {
		select {
		case <-c.ch:
			break outer
		}
	}
}

// longLived: the report says which goroutines look long-lived.
func longLived(c *nc, wg *sync.WaitGroup) {
	go c.readLoop() // want `go statement drops the als context: use als.Go, or mark it //als:ignore <reason>; it looks long-lived \(readLoop is named as a loop\): if it serves the process, not one request, mark it //als:ignore`
	go c.flusher()  // want `it looks long-lived \(flusher has a for loop with no exit\)`
	go func() {     // want `it looks long-lived \(its body has a for loop with no exit\)`
		for {
			c.ch <- 1
		}
	}()
	go c.drain()   // want `it looks long-lived \(drain is a loop that runs until told to stop\)`
	go c.worker()  // want `it looks long-lived \(worker is a loop that runs until told to stop\)`
	go c.retry()   // want `go statement drops the als context: use als.Go, or mark it //als:ignore <reason>$`
	go c.labeled() // want `it looks long-lived \(labeled is a loop that runs until told to stop\)`
}
