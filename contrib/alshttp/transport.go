package alshttp

import "net/http"

// Transport is an http.RoundTripper that sets the X-Request-Id header of
// each outgoing request to the current request id, so that the service
// called logs the same id. The id is the one in the context the request's
// ctx carries (als.WithContext), or else the caller's current one; a
// request that already has the header, or is sent outside any request,
// goes out unchanged.
//
//	client := &http.Client{Transport: &alshttp.Transport{}}
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
}

// RoundTrip sends req through Base, with the request id header added to a
// copy of req when there is an id to forward. req itself is never changed.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	id, ok := ids.FromContext(req.Context())
	if !ok || !ValidID(id) || req.Header.Get(Header) != "" {
		return base.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.Header.Set(Header, id)
	return base.RoundTrip(out)
}
