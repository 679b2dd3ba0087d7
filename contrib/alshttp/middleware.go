package alshttp

import (
	"net/http"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
)

// ErrNilHandler is wrapped by the panic of [Middleware] and
// [MiddlewareWithPattern] given a nil [http.Handler]. It is the
// ErrNilHandler of every contrib package.
var ErrNilHandler = errs.NilHandler

// Middleware returns a handler that serves each request with next inside
// a store holding the request's id, method, route pattern and start time.
//
// The id is the request's X-Request-Id header when it holds exactly one
// valid id ([ValidID]). Otherwise it is the id already in
// [RequestIDStorage], when an outer layer (alsotel's propagator, a test)
// set a valid one, and otherwise a new one from [NewID]. The id is set on
// the response's X-Request-Id header before next runs. r.Context()
// carries the als context ([als.WithContext]) for code that is handed
// only a ctx. It panics with an error wrapping [ErrNilHandler] when next
// is nil.
func Middleware(next http.Handler) http.Handler {
	return MiddlewareWithPattern(next, nil)
}

// MiddlewareWithPattern is [Middleware] for a router other than
// [http.ServeMux], one that records the route it matched somewhere else
// than the request's Pattern field. [Pattern] reports pattern(r), where r
// is the request handed to next, whenever that is not ""; otherwise
// r.Pattern, as Middleware does. pattern is called by Pattern, in the
// goroutine serving the request or one it started, so it must be safe to
// call there once routing is done, also after the request has been served.
// contrib/alschi uses it with chi's route context. A nil pattern makes it
// Middleware.
func MiddlewareWithPattern(next http.Handler, pattern func(r *http.Request) string) http.Handler {
	if next == nil {
		panic(errs.NilHandlerTo("alshttp.Middleware"))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := &Request{ID: incomingID(r), Method: r.Method, Start: time.Now(), pattern: pattern}
		w.Header().Set(RequestIDHeader, q.ID)
		ids.Run(q.ID, func() {
			requests.Run(q, func() {
				// The context is captured after both stores are set, so
				// that it carries them; q is not yet visible to any other
				// goroutine, so setting q.req here is safe.
				r = r.WithContext(als.WithContext(r.Context()))
				q.req = r
				next.ServeHTTP(w, r)
			})
		})
	})
}

func incomingID(r *http.Request) string {
	if v := r.Header.Values(RequestIDHeader); len(v) == 1 && ValidID(v[0]) {
		return v[0]
	}
	if id, ok := ids.GetStore(); ok && ValidID(id) {
		return id
	}
	return NewID()
}
