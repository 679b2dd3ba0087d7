package alschi_test

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/go-als/als/contrib/alschi"
)

// readmeServe holds the README's chi snippet, compiled but not run: it
// serves on a real address. ExampleHandler runs the same calls.
func readmeServe(addr string, getOrder http.HandlerFunc) {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Get("/api/orders/{id}", getOrder)
	http.ListenAndServe(addr, alschi.Handler(r)) // alshttp.Pattern() == "/api/orders/{id}"
}

var _ = readmeServe
