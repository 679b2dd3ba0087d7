package alshttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/contrib/alshttp"
)

// A reverse proxy behind Middleware sends downstream exactly one
// X-Request-Id, the one the proxy's own handler sees, whatever the client
// put in the header.
func TestReverseProxySendsValidatedID(t *testing.T) {
	var mu sync.Mutex
	var downstream []string
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		downstream = r.Header.Values(alshttp.RequestIDHeader)
		mu.Unlock()
	}))
	defer backend.Close()
	target, err := url.Parse(backend.URL)
	require.NoError(t, err)
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
		Transport: &alshttp.Transport{},
	}
	front := httptest.NewServer(alshttp.Middleware(proxy))
	defer front.Close()

	tests := []struct {
		name   string
		header []string
		want   string // "" means a fresh id
	}{
		{"valid id", []string{"abc-1"}, "abc-1"},
		{"no id", nil, ""},
		{"two ids", []string{"one", "two"}, ""},
		{"not ASCII, with a tab", []string{"héllo w\torld"}, ""},
		{"too long", []string{strings.Repeat("a", alshttp.MaxIDLen+1)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, front.URL, nil)
			require.NoError(t, err)
			for _, h := range tt.header {
				req.Header.Add(alshttp.RequestIDHeader, h)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			id := resp.Header.Get(alshttp.RequestIDHeader)
			if tt.want != "" {
				assert.Equal(t, tt.want, id)
			} else {
				assert.Len(t, id, 32, "a fresh id")
			}
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, []string{id}, downstream, "downstream got exactly the proxy's id")
		})
	}
}
