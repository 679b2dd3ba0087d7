package alshttp_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/internal/panics"
)

// seen is what a handler observed through the accessors.
type seen struct {
	id, method, pattern, pathID string
	start                       time.Time
	inGoroutine                 string // RequestID in an als.Go child
	viaContext                  string // RequestID under als.RunContext(r.Context())
}

func recorder(out *seen) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out.id, out.method, out.pattern = alshttp.RequestID(), alshttp.Method(), alshttp.Pattern()
		out.start = alshttp.Start()
		out.pathID = r.PathValue("id")
		var wg sync.WaitGroup
		wg.Add(2)
		als.Go(func() {
			defer wg.Done()
			out.inGoroutine = alshttp.RequestID()
		})
		ctx := r.Context()
		go func() { //als:ignore a plain goroutine that gets the context from ctx
			defer wg.Done()
			als.RunContext(ctx, func() { out.viaContext = alshttp.RequestID() })
		}()
		wg.Wait()
		_, _ = io.WriteString(w, out.id)
	}
}

func get(t *testing.T, url string, header map[string][]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func isGenerated(id string) bool {
	if len(id) != 32 {
		return false
	}
	return strings.Trim(id, "0123456789abcdef") == ""
}

func TestMiddlewareOverTheWire(t *testing.T) {
	var got seen
	mux := http.NewServeMux()
	mux.Handle("GET /items/{id}", recorder(&got))
	srv := httptest.NewServer(alshttp.Middleware(mux))
	defer srv.Close()

	tests := []struct {
		name   string
		header map[string][]string
		wantID string // "" means a generated id
	}{
		{"valid id is kept", map[string][]string{"X-Request-Id": {"abc-123"}}, "abc-123"},
		{"longest valid id", map[string][]string{"X-Request-Id": {strings.Repeat("a", 128)}}, strings.Repeat("a", 128)},
		{"no id", nil, ""},
		{"too long", map[string][]string{"X-Request-Id": {strings.Repeat("a", 129)}}, ""},
		{"space inside", map[string][]string{"X-Request-Id": {"a b"}}, ""},
		{"tab inside", map[string][]string{"X-Request-Id": {"a\tb"}}, ""},
		{"non-ASCII", map[string][]string{"X-Request-Id": {"réq"}}, ""},
		{"two ids", map[string][]string{"X-Request-Id": {"one", "two"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = seen{}
			before := time.Now()
			resp := get(t, srv.URL+"/items/42", tt.header)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			echoed := resp.Header.Get(alshttp.RequestIDHeader)
			if tt.wantID == "" {
				assert.True(t, isGenerated(echoed), "generated id, got %q", echoed)
			} else {
				assert.Equal(t, tt.wantID, echoed)
			}
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, echoed, string(body))
			assert.Equal(t, echoed, got.id)
			assert.Equal(t, echoed, got.inGoroutine)
			assert.Equal(t, echoed, got.viaContext)
			assert.Equal(t, http.MethodGet, got.method)
			assert.Equal(t, "GET /items/{id}", got.pattern)
			assert.Equal(t, "42", got.pathID)
			assert.False(t, got.start.Before(before.Add(-time.Second)))
			assert.False(t, got.start.After(time.Now()))
		})
	}
}

// A hostile id never reaches the wire from a Go client, so the checks
// that a server must not trust what it is given run in process.
func TestMiddlewareReplacesHostileIDs(t *testing.T) {
	var got seen
	h := alshttp.Middleware(recorder(&got))
	for _, id := range []string{
		"evil\r\nSet-Cookie: x=1", "nul\x00byte", "bell\x07", "del\x7f", "\xff\xfe", " ", "",
		strings.Repeat("x", 10000),
	} {
		got = seen{}
		req := httptest.NewRequest(http.MethodPost, "/", nil)
		req.Header.Set(alshttp.RequestIDHeader, id)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		echoed := rec.Header().Get(alshttp.RequestIDHeader)
		assert.True(t, isGenerated(echoed), "id %q echoed as %q", id, echoed)
		assert.Equal(t, echoed, got.id)
		assert.Equal(t, http.MethodPost, got.method)
		assert.Equal(t, "", got.pattern, "no mux, no pattern")
	}
}

func TestPatternWhenWrappingEachRoute(t *testing.T) {
	var got seen
	mux := http.NewServeMux()
	mux.Handle("POST /orders/{id}/lines", alshttp.Middleware(recorder(&got)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/orders/7/lines", "text/plain", nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "POST /orders/{id}/lines", got.pattern)
	assert.Equal(t, "7", got.pathID)
	assert.Equal(t, http.MethodPost, got.method)
}

func TestPatternOfUnroutedRequest(t *testing.T) {
	var pattern, id string
	var ok bool
	notFound := http.NewServeMux()
	notFound.HandleFunc("GET /known", func(http.ResponseWriter, *http.Request) {})
	h := alshttp.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		notFound.ServeHTTP(w, r)
		_, ok = alshttp.Current()
		pattern, id = alshttp.Pattern(), alshttp.RequestID()
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/unknown", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.True(t, ok)
	assert.Equal(t, "", pattern)
	assert.Equal(t, rec.Header().Get(alshttp.RequestIDHeader), id)
}

func TestOuterIDIsAdopted(t *testing.T) {
	var got seen
	h := alshttp.Middleware(recorder(&got))
	tests := []struct{ outer, header, want string }{
		{"outer-1", "", "outer-1"},
		{"outer-1", "header-1", "header-1"},
		{"bad outer\n", "", ""},
	}
	for _, tt := range tests {
		got = seen{}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if tt.header != "" {
			req.Header.Set(alshttp.RequestIDHeader, tt.header)
		}
		rec := httptest.NewRecorder()
		alshttp.RequestIDStorage().Run(tt.outer, func() { h.ServeHTTP(rec, req) })
		if tt.want == "" {
			assert.True(t, isGenerated(got.id), got.id)
		} else {
			assert.Equal(t, tt.want, got.id)
		}
	}
}

func TestAccessorsOutsideRequest(t *testing.T) {
	assert.Equal(t, "", alshttp.RequestID())
	assert.Equal(t, "", alshttp.Method())
	assert.Equal(t, "", alshttp.Pattern())
	assert.True(t, alshttp.Start().IsZero())
	_, ok := alshttp.Current()
	assert.False(t, ok)
}

func TestConcurrentRequestsKeepTheirOwnIDs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		done := make(chan string)
		als.Go(func() {
			time.Sleep(time.Millisecond) // let other requests interleave
			done <- alshttp.RequestID()
		})
		_, _ = io.WriteString(w, <-done)
	})
	srv := httptest.NewServer(alshttp.Middleware(mux))
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { //als:ignore test clients run outside any request
			defer wg.Done()
			id := alshttp.NewID()
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/echo", nil)
			req.Header.Set(alshttp.RequestIDHeader, id)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if string(body) != id || resp.Header.Get(alshttp.RequestIDHeader) != id {
				errs <- "request " + id + " saw " + string(body)
			}
		}()
	}
	wg.Wait()
	srv.Close()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	alstest.VerifyNone(t) // no context outlives its request
}

func TestMiddlewareNilHandlerPanics(t *testing.T) {
	err := panics.Error(t, func() { alshttp.Middleware(nil) })
	assert.ErrorIs(t, err, alshttp.ErrNilHandler)
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"a", true},
		{"0af7651916cd43dd8448eb211c80319c", true},
		{"req_1.2:3/4+5=6~!", true},
		{strings.Repeat("z", alshttp.MaxIDLen), true},
		{"", false},
		{strings.Repeat("z", alshttp.MaxIDLen+1), false},
		{"a b", false},
		{"a\nb", false},
		{"\x7f", false},
		{"é", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, alshttp.ValidID(tt.id), "%q", tt.id)
	}
	assert.True(t, alshttp.ValidID(alshttp.NewID()))
	assert.NotEqual(t, alshttp.NewID(), alshttp.NewID())
}

// matchKey is where routerLike records its match, as chi records it in
// its route context.
type matchKey struct{}

// routerLike routes like a third-party router: it finds the *string an
// outer layer put in the context, records its match there, and serves a
// copy of the request, which the Pattern field of the request
// Middleware saw never gets.
func routerLike(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m, ok := r.Context().Value(matchKey{}).(*string); ok {
			*m = "/orders/{id}"
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), struct{}{}, 1)))
	})
}

func TestMiddlewareWithPattern(t *testing.T) {
	matched := func(r *http.Request) string {
		if m, ok := r.Context().Value(matchKey{}).(*string); ok {
			return *m
		}
		return ""
	}
	tests := []struct {
		name   string
		h      func(next http.Handler) http.Handler
		record bool // whether an outer layer gives routerLike a place to record its match
		want   string
	}{
		{"Middleware cannot see the match", func(next http.Handler) http.Handler {
			return alshttp.Middleware(routerLike(next))
		}, true, ""},
		{"the pattern function reads it", func(next http.Handler) http.Handler {
			return alshttp.MiddlewareWithPattern(routerLike(next), matched)
		}, true, "/orders/{id}"},
		{"no match: r.Pattern as before", func(next http.Handler) http.Handler {
			return alshttp.MiddlewareWithPattern(routerLike(next), matched)
		}, false, ""},
		{"no match under a ServeMux: its pattern", func(next http.Handler) http.Handler {
			mux := http.NewServeMux()
			mux.Handle("GET /orders/{id}/lines", next)
			return alshttp.MiddlewareWithPattern(mux, matched)
		}, false, "GET /orders/{id}/lines"},
		{"nil pattern function: Middleware", func(next http.Handler) http.Handler {
			mux := http.NewServeMux()
			mux.Handle("GET /orders/{id}/lines", next)
			return alshttp.MiddlewareWithPattern(mux, nil)
		}, false, "GET /orders/{id}/lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got seen
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.record {
					r = r.WithContext(context.WithValue(r.Context(), matchKey{}, new(string)))
				}
				tt.h(recorder(&got)).ServeHTTP(w, r)
			}))
			defer srv.Close()
			resp := get(t, srv.URL+"/orders/7/lines", nil)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.want, got.pattern)
			assert.Equal(t, resp.Header.Get(alshttp.RequestIDHeader), got.id)
			assert.Equal(t, got.id, got.inGoroutine)
		})
	}
	err := panics.Error(t, func() { alshttp.MiddlewareWithPattern(nil, matched) })
	assert.ErrorIs(t, err, alshttp.ErrNilHandler)
}
