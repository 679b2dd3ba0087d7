package alschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alschi"
	"github.com/go-als/als/contrib/alshttp"
)

// logLine is deep in the call chain: no ctx, no request.
func logLine(msg string) {
	fmt.Printf("%s %s (%s): %s\n", alshttp.Method(), alshttp.Pattern(), alshttp.RequestID(), msg)
}

// alshttp.Middleware as one of chi's middlewares: the request's store is
// there in the handler and in a goroutine it starts with als.Go.
func Example_middleware() {
	r := chi.NewRouter()
	r.Use(alshttp.Middleware)
	r.Get("/orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		logLine("get order " + chi.URLParam(r, "id"))
		var wg sync.WaitGroup
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			logLine("load lines")
		})
		wg.Wait()
	})
	srv := httptest.NewServer(r)
	defer srv.Close()

	get(srv.URL+"/orders/7", "req-1")
	// Output:
	// GET /orders/{id} (req-1): get order 7
	// GET /orders/{id} (req-1): load lines
}

// Handler reports chi's route pattern whatever middlewares the router
// has, here chi's RequestID, which replaces the request.
func ExampleHandler() {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Get("/api/orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		logLine("get order " + chi.URLParam(r, "id"))
	})
	srv := httptest.NewServer(alschi.Handler(r))
	defer srv.Close()

	get(srv.URL+"/api/orders/7", "req-2")
	// Output:
	// GET /api/orders/{id} (req-2): get order 7
}

func get(url, id string) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set(alshttp.RequestIDHeader, id)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
}
