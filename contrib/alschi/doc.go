// Package alschi serves a chi router (github.com/go-chi/chi/v5) through
// alshttp, with [alshttp.Pattern] reporting the route chi matched.
//
// [alshttp.Middleware] works with chi as it is, outside the router or as
// one of its middlewares: every request runs in its own store, and
// [alshttp.RequestID], Method, Start and goroutines started with als.Go
// see it. The route pattern is the one thing chi keeps elsewhere. chi
// routes a copy of the request that carries its route context, and sets
// the pattern on that copy's Pattern field; alshttp reads the field of
// the request it handed on, so it sees chi's pattern only when it is
// chi's last middleware and no middleware after it replaces the request
// (chi's own RequestID, Logger and Timeout all do).
//
// [Handler] closes that gap:
//
//	r := chi.NewRouter()
//	r.Use(middleware.RequestID, middleware.Logger)
//	r.Get("/orders/{id}", getOrder)
//	http.ListenAndServe(addr, alschi.Handler(r))
//
// It runs r inside [alshttp.MiddlewareWithPattern], with a route context of
// its own that chi fills instead of one from its pool, and reads the
// pattern from it: alshttp.Pattern returns "/orders/{id}" in getOrder, in
// everything it calls and in goroutines it starts with als.Go, also after
// the response is sent. chi's patterns carry no method, unlike
// ServeMux's. A request chi routes to its NotFound or MethodNotAllowed
// handler reports "", except under a mounted router, where it reports
// the mount chi matched, as chi's RoutePattern does: "/api/*" for an
// unknown path under a router mounted at /api.
package alschi
