package alschi

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/internal/errs"
)

// Handler returns a handler that serves each request with router inside
// alshttp's request store, as [alshttp.Middleware](router) would, and
// makes [alshttp.Pattern] report the route pattern chi matched, such as
// "/orders/{id}". It panics with an error wrapping [alshttp.ErrNilHandler]
// when router is nil.
func Handler(router chi.Router) http.Handler {
	if router == nil {
		panic(errs.NilHandlerTo("alschi.Handler"))
	}
	served := alshttp.MiddlewareWithPattern(router, pattern)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A route context of the request's own: given one, chi fills it
		// instead of taking one from its pool, which it would reset for
		// another request once this one is served, while goroutines of
		// this one may still read the pattern. Routes is set as chi sets
		// it, for middlewares that match routes (middleware.GetHead).
		rctx := chi.NewRouteContext()
		rctx.Routes = router
		served.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), chi.RouteCtxKey, rctx)))
	})
}

// pattern reads the route pattern from the route context Handler put in
// the request. chi writes it while routing, in the goroutine serving the
// request, before the handler runs; it does not change afterwards.
func pattern(r *http.Request) string {
	return chi.RouteContext(r.Context()).RoutePattern()
}
