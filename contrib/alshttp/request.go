package alshttp

import (
	"net/http"
	"time"

	"github.com/go-als/als"
)

// Request describes the request being served, as [Middleware] recorded
// it when the request arrived. [Current] returns it.
type Request struct {
	// ID is the request id: the client's X-Request-Id when valid,
	// otherwise a generated one.
	ID string
	// Method is the HTTP method, such as "GET".
	Method string
	// Start is when Middleware received the request.
	Start time.Time

	// req is the request Middleware handed on. A ServeMux records the
	// pattern it matched on it, so Pattern reads it lazily.
	req *http.Request
	// pattern reads the matched route from req for routers other than
	// ServeMux (MiddlewareWithPattern), or is nil.
	pattern func(*http.Request) string
}

// Pattern returns the ServeMux pattern that matched the request, such as
// "GET /orders/{id}", or "" before routing or when no pattern matched.
// Under [MiddlewareWithPattern] it is the other router's pattern.
func (q *Request) Pattern() string {
	if q == nil || q.req == nil {
		return ""
	}
	if q.pattern != nil {
		if p := q.pattern(q.req); p != "" {
			return p
		}
	}
	return q.req.Pattern
}

var (
	// ids is a storage of its own, not a field of requests, so that
	// other layers (a job runner, alsotel's baggage) can set a request id
	// for work that is not an HTTP request, and RequestID still finds it.
	ids      = als.New[string]()
	requests = als.New[*Request]()
)

// RequestIDStorage returns the storage that holds the current request
// id, whose store [RequestID] reads. [Middleware] sets it; hand it to
// alsslog or alsotel to log or propagate the id, or Run it around work
// that is not an HTTP request.
func RequestIDStorage() *als.Storage[string] { return ids }

// RequestID returns the id of the request being served, or "" outside
// any request.
func RequestID() string {
	id, _ := ids.GetStore()
	return id
}

// Current returns the request being served, and false outside any
// request that [Middleware] serves. Everything serving the request shares
// the one Request: read it, do not change it.
func Current() (*Request, bool) {
	q, ok := requests.GetStore()
	return q, ok && q != nil
}

// Method returns the HTTP method of the request being served, or ""
// outside any request.
func Method() string {
	if q, ok := Current(); ok {
		return q.Method
	}
	return ""
}

// Pattern returns the ServeMux pattern that matched the request being
// served (or another router's, under [MiddlewareWithPattern]), or ""
// outside any request, before routing, or when no pattern matched.
func Pattern() string {
	q, _ := Current()
	return q.Pattern()
}

// Start returns when the request being served arrived, or the zero time
// outside any request.
func Start() time.Time {
	if q, ok := Current(); ok {
		return q.Start
	}
	return time.Time{}
}
