// Command alsdemo is Node's AsyncLocalStorage logger example done in Go:
// an HTTP server gives each request an id with requestID.Run, and
// logWithID, which takes neither an id nor a ctx, prints it, also from the
// goroutine that finishes the request. It sends concurrent requests to
// itself on 127.0.0.1, prints the id-tagged lines, and exits.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"

	"github.com/go-als/als"
)

func main() {
	if err := run(os.Stdout, 2); err != nil {
		fmt.Fprintln(os.Stderr, "alsdemo:", err)
		os.Exit(1)
	}
}

// demo is the server: requestID holds the id of the request being served.
type demo struct {
	out       io.Writer
	mu        sync.Mutex // orders whole lines from concurrent goroutines
	requestID *als.Storage[int]
	seq       int
	// Requests finish in arrival order once all have started, like the
	// Node example's setImmediate callbacks, so the output is stable.
	started sync.WaitGroup
	turn    []chan struct{}
}

func (d *demo) logWithID(msg string) {
	id := "-"
	if v, ok := d.requestID.GetStore(); ok {
		id = fmt.Sprint(v)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.out, "%s: %s\n", id, msg)
}

func (d *demo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	id := d.seq
	d.seq++
	d.mu.Unlock()
	d.requestID.Run(id, func() {
		d.logWithID("start")
		done := make(chan struct{})
		// Imagine any chain of asynchronous work here; als.Go carries the
		// request id into it, where a plain go statement would lose it.
		als.Go(func() {
			defer close(done)
			d.started.Done()
			d.started.Wait()
			<-d.turn[id]
			d.logWithID("finish")
			fmt.Fprintf(w, "request %d done\n", id)
			close(d.turn[id+1])
		})
		<-done
	})
}

// run serves n concurrent requests from itself and writes the log to out.
func run(out io.Writer, n int) error {
	d := &demo{out: out, requestID: als.New[int](), turn: make([]chan struct{}, n+1)}
	for i := range d.turn {
		d.turn[i] = make(chan struct{})
	}
	close(d.turn[0])
	d.started.Add(n)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: d}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }() //als:ignore the server itself runs in no request's context
	d.logWithID("listening on " + ln.Addr().String())

	errs := make(chan error, n)
	var clients sync.WaitGroup
	for i := 0; i < n; i++ {
		clients.Add(1)
		go func() { //als:ignore clients are outside any request
			defer clients.Done()
			resp, err := http.Get("http://" + ln.Addr().String() + "/")
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				errs <- err
			}
		}()
	}
	clients.Wait()
	close(errs)
	if err := srv.Close(); err != nil {
		return err
	}
	if err := <-served; err != http.ErrServerClosed {
		return err
	}
	for err := range errs {
		return err
	}
	d.logWithID("all requests served")
	return nil
}
