package alschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alschi"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/internal/panics"
)

// seen is what a handler observed through alshttp's accessors.
type seen struct {
	id, method, pattern string
	param               string // chi.URLParam(r, "id")
	inGoroutine         string // RequestID and Pattern in an als.Go child
}

func recorder(out *seen) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out.id, out.method, out.pattern = alshttp.RequestID(), alshttp.Method(), alshttp.Pattern()
		out.param = chi.URLParam(r, "id")
		var wg sync.WaitGroup
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			out.inGoroutine = alshttp.RequestID() + " " + alshttp.Pattern()
		})
		wg.Wait()
	}
}

// do sends one request with an X-Request-Id to a real server.
func do(t *testing.T, method, url, id string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	req.Header.Set(alshttp.RequestIDHeader, id)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp
}

// The request's store reaches chi handlers however alshttp is put in
// front of chi; the pattern only through Handler, or with alshttp as
// chi's last middleware before any that replaces the request.
func TestStoresWithChi(t *testing.T) {
	tests := []struct {
		name        string
		serve       func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler
		middlewares []func(http.Handler) http.Handler
		want        string // Pattern in the handler
	}{
		{"Middleware around the router", func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler {
			r := chi.NewRouter()
			r.Use(mws...)
			routes(r)
			return alshttp.Middleware(r)
		}, nil, ""},
		{"Middleware as chi's middleware", func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler {
			r := chi.NewRouter()
			r.Use(append([]func(http.Handler) http.Handler{alshttp.Middleware}, mws...)...)
			routes(r)
			return r
		}, nil, "/api/orders/{id}"},
		{"Middleware as chi's middleware, before RequestID", func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler {
			r := chi.NewRouter()
			r.Use(append([]func(http.Handler) http.Handler{alshttp.Middleware}, mws...)...)
			routes(r)
			return r
		}, []func(http.Handler) http.Handler{middleware.RequestID}, ""},
		{"Handler", func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler {
			r := chi.NewRouter()
			r.Use(mws...)
			routes(r)
			return alschi.Handler(r)
		}, nil, "/api/orders/{id}"},
		{"Handler, with RequestID and Recoverer", func(routes func(chi.Router), mws ...func(http.Handler) http.Handler) http.Handler {
			r := chi.NewRouter()
			r.Use(mws...)
			routes(r)
			return alschi.Handler(r)
		}, []func(http.Handler) http.Handler{middleware.RequestID, middleware.Recoverer}, "/api/orders/{id}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got seen
			h := tt.serve(func(r chi.Router) {
				r.Route("/api", func(r chi.Router) {
					r.Get("/orders/{id}", recorder(&got))
				})
			}, tt.middlewares...)
			srv := httptest.NewServer(h)
			defer srv.Close()
			resp := do(t, http.MethodGet, srv.URL+"/api/orders/7", "req-1")
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, "req-1", resp.Header.Get(alshttp.RequestIDHeader))
			assert.Equal(t, "req-1", got.id)
			assert.Equal(t, http.MethodGet, got.method)
			assert.Equal(t, "7", got.param)
			assert.Equal(t, tt.want, got.pattern)
			assert.Equal(t, "req-1 "+tt.want, got.inGoroutine)
		})
	}
}

// Subrouters, mounts and the routes chi does not match, through Handler.
func TestHandlerPatterns(t *testing.T) {
	var got seen
	orders := chi.NewRouter()
	orders.Get("/{id}", recorder(&got))
	orders.With(middleware.NoCache).Post("/{id}/lines", recorder(&got))
	r := chi.NewRouter()
	r.Use(middleware.GetHead) // matches routes through the route context's Routes
	r.Get("/", recorder(&got))
	r.Mount("/orders", orders)
	r.Route("/users/{id}", func(r chi.Router) {
		r.Get("/*", recorder(&got))
	})
	r.NotFound(recorder(&got))
	r.MethodNotAllowed(recorder(&got))
	srv := httptest.NewServer(alschi.Handler(r))
	defer srv.Close()

	tests := []struct {
		method, path string
		status       int
		pattern      string
	}{
		{http.MethodGet, "/", http.StatusOK, "/"},
		{http.MethodGet, "/orders/7", http.StatusOK, "/orders/{id}"},
		{http.MethodHead, "/orders/7", http.StatusOK, "/orders/{id}"},
		{http.MethodPost, "/orders/7/lines", http.StatusOK, "/orders/{id}/lines"},
		{http.MethodGet, "/users/7/files/a.txt", http.StatusOK, "/users/{id}/*"},
		{http.MethodGet, "/nowhere", http.StatusOK, ""},
		{http.MethodGet, "/orders/7/nowhere", http.StatusOK, "/orders/*"}, // the mount chi matched
		{http.MethodDelete, "/", http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			got = seen{}
			resp := do(t, tt.method, srv.URL+tt.path, "req-9")
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, "req-9", got.id)
			assert.Equal(t, tt.pattern, got.pattern)
		})
	}
}

// Goroutines that outlive their request keep reading its pattern while
// the server goes on with other requests: the route context is the
// request's own, never one chi hands to the next request.
func TestPatternAfterTheResponse(t *testing.T) {
	const n = 40
	var wg sync.WaitGroup
	results := make(chan string, n)
	release := make(chan struct{})
	r := chi.NewRouter()
	// RequestID replaces the request, so that only the route context
	// tells the pattern, not the Pattern field chi would set.
	r.Use(middleware.RequestID)
	for _, route := range []string{"/a/{x}", "/b/{x}", "/c/{x}", "/d/{x}"} {
		r.Get(route, func(w http.ResponseWriter, r *http.Request) {
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				<-release
				results <- alshttp.RequestID() + " " + alshttp.Pattern()
			})
		})
	}
	srv := httptest.NewServer(alschi.Handler(r))
	defer srv.Close()

	want := map[string]bool{}
	var clients sync.WaitGroup
	for i := range n {
		clients.Add(1)
		go func() { //als:ignore a client: its request carries the id
			defer clients.Done()
			route := string(rune('a' + i%4))
			id := fmt.Sprintf("req-%d", i)
			resp := do(t, http.MethodGet, srv.URL+"/"+route+"/"+id, id)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
		}()
		want[fmt.Sprintf("req-%d /%c/{x}", i, rune('a'+i%4))] = true
	}
	clients.Wait() // every response is in: chi is done with every request
	close(release)
	wg.Wait()
	close(results)
	got := map[string]bool{}
	for r := range results {
		got[r] = true
	}
	assert.Equal(t, want, got)
}

func TestHandlerNilRouterPanics(t *testing.T) {
	assert.ErrorIs(t, panics.Error(t, func() { alschi.Handler(nil) }), alshttp.ErrNilHandler)
}
