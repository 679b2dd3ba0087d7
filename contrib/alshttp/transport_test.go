package alshttp_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoServer answers with the X-Request-Id it received, and how many.
func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get(alshttp.RequestIDHeader))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, client *http.Client, req *http.Request) string {
	t.Helper()
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

// fetch is call for goroutines other than the test's: it returns the error.
func fetch(client *http.Client, url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestTransportForwardsID(t *testing.T) {
	b := echoServer(t)
	client := &http.Client{Transport: &alshttp.Transport{}}

	// Service A calls B while it serves a request: B sees A's id. The
	// handler runs on a server goroutine, where require must not be
	// called, so it only records what happened; the test checks it once
	// the response is in, which orders the writes before the reads.
	var fromB string
	var errB error
	a := httptest.NewServer(alshttp.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fromB, errB = fetch(client, b.URL)
	})))
	defer a.Close()
	req, err := http.NewRequest(http.MethodGet, a.URL, nil)
	require.NoError(t, err)
	req.Header.Set(alshttp.RequestIDHeader, "req-from-outside")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.NoError(t, errB)
	assert.Equal(t, "req-from-outside", fromB)

	tests := []struct {
		name string
		run  func(fn func()) // the context the call is made in
		ctx  func() context.Context
		set  string // header the caller set itself
		want string
	}{
		{"outside any request", func(fn func()) { fn() }, context.Background, "", ""},
		{"inside a request", func(fn func()) { alshttp.RequestIDStorage().Run("r-1", fn) }, context.Background, "", "r-1"},
		{"request's id replaces the caller's header", func(fn func()) { alshttp.RequestIDStorage().Run("r-1", fn) }, context.Background, "mine", "r-1"},
		{"caller's header outside any request", func(fn func()) { fn() }, context.Background, "mine", "mine"},
		{"caller's invalid header removed", func(fn func()) { fn() }, context.Background, "not mine", ""},
		{"invalid id not forwarded", func(fn func()) { alshttp.RequestIDStorage().Run("bad id", fn) }, context.Background, "", ""},
		{"invalid id, caller's header kept", func(fn func()) { alshttp.RequestIDStorage().Run("bad id", fn) }, context.Background, "mine", "mine"},
		{"ctx's context wins", func(fn func()) { alshttp.RequestIDStorage().Run("r-1", fn) }, func() context.Context {
			var ctx context.Context
			alshttp.RequestIDStorage().Run("from-ctx", func() { ctx = als.WithContext(context.Background()) })
			return ctx
		}, "", "from-ctx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(tt.ctx(), http.MethodGet, b.URL, nil)
			require.NoError(t, err)
			if tt.set != "" {
				req.Header.Set(alshttp.RequestIDHeader, tt.set)
			}
			tt.run(func() { assert.Equal(t, tt.want, call(t, client, req)) })
			assert.Equal(t, tt.set, req.Header.Get(alshttp.RequestIDHeader), "caller's request unchanged")
		})
	}
}
