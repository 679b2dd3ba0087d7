package alshttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-als/als/contrib/alshttp"
)

// BenchmarkMiddleware measures what Middleware adds to one in-process
// request through a ServeMux, against the bare mux.
func BenchmarkMiddleware(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { _ = alshttp.RequestID() })
	for _, c := range []struct {
		name string
		h    http.Handler
		id   string
	}{
		{"bare", mux, ""},
		{"middleware/incoming-id", alshttp.Middleware(mux), "req-1"},
		{"middleware/new-id", alshttp.Middleware(mux), ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/items/7", nil)
			if c.id != "" {
				req.Header.Set(alshttp.RequestIDHeader, c.id)
			}
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				c.h.ServeHTTP(w, req)
			}
		})
	}
}
