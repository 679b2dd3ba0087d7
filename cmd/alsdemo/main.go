// Command alsdemo is Node's AsyncLocalStorage logger example done in Go,
// with real structured logs: alshttp gives each request an id, and every
// slog line below the handler carries it through alsslog, though no
// logging call takes a ctx or an id; also the line written by the
// goroutine that finishes the request. It sends concurrent requests to
// itself on 127.0.0.1, prints the log, and exits.
package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsslog"
)

func main() {
	if err := run(os.Stdout, 2); err != nil {
		fmt.Fprintln(os.Stderr, "alsdemo:", err)
		os.Exit(1)
	}
}

// newLogger writes text records without the time, so that runs compare,
// with the request id and route of whatever request the caller serves.
func newLogger(out io.Writer) *slog.Logger {
	text := slog.NewTextHandler(out, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})
	return slog.New(alsslog.NewHandler(text,
		alsslog.Attr("request_id", alshttp.RequestIDStorage()),
		alsslog.AttrFunc("route", alshttp.Pattern),
	))
}

type demo struct {
	log *slog.Logger
	// Requests finish in the order of their ids once all have started,
	// like the Node example's setImmediate callbacks, so output is stable.
	started sync.WaitGroup
	turn    []chan struct{}
}

// work is deep in the call chain: no ctx, no request, no id parameter.
func (d *demo) work(step string) { d.log.Info(step) }

func (d *demo) order(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(d.turn)-1 {
		http.Error(w, "bad order number", http.StatusBadRequest)
		return
	}
	d.work("start")
	done := make(chan struct{})
	// Any chain of asynchronous work: als.Go carries the request into it,
	// where a plain go statement would lose it.
	als.Go(func() {
		defer close(done)
		d.started.Done()
		d.started.Wait()
		<-d.turn[n]
		d.work("finish")
		fmt.Fprintf(w, "order %d done\n", n)
		close(d.turn[n+1])
	})
	<-done
}

// run serves n concurrent requests from itself and writes the log to out.
func run(out io.Writer, n int) error {
	d := &demo{log: newLogger(out), turn: make([]chan struct{}, n+1)}
	for i := range d.turn {
		d.turn[i] = make(chan struct{})
	}
	close(d.turn[0])
	d.started.Add(n)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{n}", d.order)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: alshttp.Middleware(mux)}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }() //als:ignore the server itself runs in no request's context
	d.log.Info("listening", "addr", ln.Addr().String())

	errs := make(chan error, n)
	var clients sync.WaitGroup
	for i := 0; i < n; i++ {
		clients.Add(1)
		go func() { //als:ignore clients are outside any request
			defer clients.Done()
			req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("http://%s/orders/%d", ln.Addr(), i), nil)
			if err != nil {
				errs <- err
				return
			}
			req.Header.Set(alshttp.RequestIDHeader, fmt.Sprintf("req-%d", i))
			resp, err := http.DefaultClient.Do(req)
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
	d.log.Info("all requests served")
	return nil
}
