// Package alshttp runs every net/http request inside an als context, so
// that code anywhere below the handler (a logger, a repository, a client
// that calls another service) can ask which request it is working for
// without a ctx or *http.Request parameter.
//
// Wrap the server's handler, usually the [http.ServeMux], with [Middleware]:
//
//	mux := http.NewServeMux()
//	mux.HandleFunc("GET /orders/{id}", getOrder)
//	http.ListenAndServe(addr, alshttp.Middleware(mux))
//
// Each request then runs in a store that holds its id, method, route
// pattern and start time, read with [RequestID], [Method], [Pattern],
// [Start] or [Current]. The id comes from the X-Request-Id header
// ([RequestIDHeader]) when the client sent a valid one ([ValidID]: 1 to
// 128 visible ASCII characters); otherwise a
// random one is made, so a malformed or hostile header is never echoed.
// The id is set on the response's X-Request-Id header too.
//
// The route pattern is the one a Go 1.22 ServeMux matched. The mux
// records it on the request it routes, which is the one Middleware hands
// it, so Pattern reports it from the moment routing is done: in the
// handler and in everything it calls. Registering a handler wrapped in
// Middleware on the mux works too. Only a layer between Middleware and the
// mux that replaces the request (r.WithContext) hides the pattern. Other
// routers keep their match elsewhere: [MiddlewareWithPattern] takes a
// function that reads it, and contrib/alschi does this for chi.
//
// The request's context also carries the als context ([als.WithContext]),
// so code that is handed r.Context() can return to the request's stores
// with [als.RunContext]. [RequestIDStorage] is the storage of the id, for
// alsslog, alsotel and work that is not an HTTP request.
//
// [Transport] is the client side: an [http.RoundTripper] that sets
// X-Request-Id on outgoing requests to the id of the request being
// served, so the next service logs the same id. It replaces any
// X-Request-Id the outgoing request already had, so an
// httputil.ReverseProxy behind Middleware forwards exactly the validated
// id, never the client's raw header.
//
// Goroutines the handler starts with [als.Go] see the request. Those
// started with a plain go statement do not, unless the program is built
// with cmd/alsbuild (compiled mode), where every goroutine inherits its
// creator's context.
package alshttp
