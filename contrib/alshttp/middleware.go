package alshttp

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-als/als"
)

// ErrNilHandler is the panic of Middleware and MiddlewareWithPattern
// given a nil handler.
var ErrNilHandler = errors.New("alshttp: nil http.Handler")

// Middleware returns a handler that serves each request with next inside
// a store holding the request's id, method, route pattern and start time.
//
// The id is the request's X-Request-Id header when it holds exactly one
// valid id (ValidID). Otherwise it is the id already in RequestIDs, when
// an outer layer (alsotel's propagator, a test) set a valid one, and
// otherwise a new one from NewID. The id is set on the response's
// X-Request-Id header before next runs. r.Context() carries the als
// context (als.WithContext) for code that is handed only a ctx.
func Middleware(next http.Handler) http.Handler {
	return MiddlewareWithPattern(next, nil)
}

// MiddlewareWithPattern is Middleware for a router other than ServeMux,
// one that records the route it matched somewhere else than the
// request's Pattern field. Pattern reports pattern(r), where r is the
// request handed to next, whenever that is not ""; otherwise r.Pattern,
// as Middleware does. pattern is called by Pattern, in the goroutine
// serving the request or one it started, so it must be safe to call there
// once routing is done, also after the request has been served.
// contrib/alschi uses it with chi's route context. A nil pattern makes it
// Middleware.
func MiddlewareWithPattern(next http.Handler, pattern func(r *http.Request) string) http.Handler {
	if next == nil {
		panic(ErrNilHandler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := &Request{ID: incomingID(r), Method: r.Method, Start: time.Now(), pattern: pattern}
		w.Header().Set(Header, q.ID)
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
	if v := r.Header.Values(Header); len(v) == 1 && ValidID(v[0]) {
		return v[0]
	}
	if id, ok := ids.GetStore(); ok && ValidID(id) {
		return id
	}
	return NewID()
}
