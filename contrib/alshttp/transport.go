package alshttp

import "net/http"

// Transport is an [http.RoundTripper] that sets the [RequestIDHeader] of
// each outgoing request to the current request id, so that the service
// called logs the same id. The id is the one in the context the request's
// ctx carries ([als.WithContext]), or else the caller's current one. The
// zero Transport sends through [http.DefaultTransport].
//
// A request always goes out with at most one X-Request-Id, and only a
// valid one ([ValidID]): inside a request the header is that request's id,
// replacing whatever the outgoing request held, so that a reverse proxy
// never forwards the client's raw header; outside any request a header
// the caller set goes out only if it is exactly one valid id.
//
//	client := &http.Client{Transport: &alshttp.Transport{}}
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
}

// RoundTrip sends req through Base, with the request id header set on a
// copy of req when it has to change. req itself is never changed.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	have := req.Header.Values(RequestIDHeader)
	id, ok := ids.FromContext(req.Context())
	if !ok || !ValidID(id) {
		if len(have) == 0 || len(have) == 1 && ValidID(have[0]) {
			return base.RoundTrip(req)
		}
		id = "" // no id to send: the invalid ones are removed
	}
	if len(have) == 1 && have[0] == id {
		return base.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	if id == "" {
		out.Header.Del(RequestIDHeader)
	} else {
		out.Header.Set(RequestIDHeader, id)
	}
	return base.RoundTrip(out)
}
