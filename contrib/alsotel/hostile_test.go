package alsotel_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsotel"
)

// W3C Baggage limits, which OpenTelemetry enforces on the receiving side.
const (
	maxMembers = 64
	maxBytes   = 8192
)

// A flood of foreign baggage must never cost the next hop this service's
// own members. Inject and Extract are called directly, many times, since
// a receiver that truncates in map order loses a member only sometimes.
func TestFloodKeepsOwnMembers(t *testing.T) {
	junk64 := make([]string, maxMembers)
	for i := range junk64 {
		junk64[i] = fmt.Sprintf("junk%02d=%s", i, strings.Repeat("j", 100))
	}
	tests := []struct {
		name    string
		baggage string
	}{
		{"one member of 8190 bytes", "junk=" + strings.Repeat("x", 8185)},
		{"64 junk members", strings.Join(junk64, ",")},
		{"junk under our own keys", "tenant=theirs,request_id=theirs,junk=" + strings.Repeat("x", 8150)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := prop.Extract(context.Background(), propagation.MapCarrier{"baggage": tt.baggage})
			require.Positive(t, baggage.FromContext(in).Len(), "the flood came in")
			lost, longest, most := 0, 0, 0
			for range 500 {
				out := propagation.MapCarrier{}
				als.RunContext(in, func() {
					alshttp.RequestIDStorage().Run("r-1", func() {
						tenant.Run("acme", func() { prop.Inject(context.Background(), out) })
					})
				})
				header := out.Get("baggage")
				longest = max(longest, len(header))
				most = max(most, len(strings.Split(header, ",")))
				als.RunContext(prop.Extract(context.Background(), out), func() {
					if got := read(); got.tenant != "acme" || got.requestID != "r-1" {
						lost++
					}
				})
			}
			assert.Zero(t, lost, "calls in which the next hop lost tenant or request_id, of 500")
			assert.LessOrEqual(t, longest, maxBytes, "longest baggage header sent")
			assert.LessOrEqual(t, most, maxMembers, "most members sent")
		})
	}
}

// Foreign members go on only as far as the limits allow, in a stable
// order, and our own members go first.
func TestInjectForeignWithinLimits(t *testing.T) {
	members := make([]string, 100)
	for i := range members {
		members[i] = fmt.Sprintf("f%03d=%s", i, strings.Repeat("v", 50))
	}
	in := prop.Extract(context.Background(), propagation.MapCarrier{"baggage": strings.Join(members, ",")})
	var first string
	for i := range 20 {
		out := propagation.MapCarrier{}
		als.RunContext(in, func() { tenant.Run("acme", func() { prop.Inject(context.Background(), out) }) })
		got := strings.Split(out.Get("baggage"), ",")
		require.Len(t, got, maxMembers, "the receiver kept 64 members; 64 go on")
		assert.Equal(t, "tenant=acme", got[0], "our own member first")
		if i == 0 {
			first = out.Get("baggage")
		}
		assert.Equal(t, first, out.Get("baggage"), "the same members every time")
	}
}

// The default string codec refuses control characters, which would let a
// caller forge log lines through a store.
func TestStringRejectsControlCharacters(t *testing.T) {
	plain := als.New[string]()
	p := alsotel.NewPropagator(alsotel.String("tenant", plain))
	tests := []struct {
		value string
		want  string
		ok    bool
	}{
		{"acme", "acme", true},
		{"caf%C3%A9%20bar", "café bar", true},
		{"a%0D%0Alevel%3DERROR", "", false},
		{"a%00b", "", false},
		{"a%09b", "", false},
		{"a%7Fb", "", false},
		{"a%C2%85b", "", false}, // U+0085, a C1 control
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			ctx := p.Extract(context.Background(), propagation.MapCarrier{"baggage": "tenant=" + tt.value})
			als.RunContext(ctx, func() {
				v, ok := plain.GetStore()
				assert.Equal(t, tt.ok, ok)
				assert.Equal(t, tt.want, v)
			})
			_, err := alsotel.StringCodec(nil).Decode(mustUnescape(t, tt.value))
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, alsotel.ErrRejected)
			}
		})
	}
	_, err := alsotel.StringCodec(nil).Decode("a\xffb")
	assert.ErrorIs(t, err, alsotel.ErrRejected, "not UTF-8")
	_, err = alsotel.StringCodec(func(s string) bool { return true }).Decode("a\nb")
	assert.ErrorIs(t, err, alsotel.ErrRejected, "a valid func adds to the default check, never replaces it")
}

func mustUnescape(t *testing.T, s string) string {
	t.Helper()
	mem, err := baggage.Parse("k=" + s)
	require.NoError(t, err)
	return mem.Member("k").Value()
}

// Whichever way round alshttp.Middleware and the propagator's Middleware
// are stacked, the handler, alshttp.Current and the response header agree
// on one id, and it is the same id for both orders.
func TestMiddlewareOrder(t *testing.T) {
	type seen struct{ handler, current, response string }
	handler := func(got *seen) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got.handler = alshttp.RequestID()
			if q, ok := alshttp.Current(); ok {
				got.current = q.ID
			}
		})
	}
	orders := []struct {
		name string
		wrap func(http.Handler) http.Handler
	}{
		{"prop outside", func(h http.Handler) http.Handler { return prop.Middleware(alshttp.Middleware(h)) }},
		{"alshttp outside", func(h http.Handler) http.Handler { return alshttp.Middleware(prop.Middleware(h)) }},
	}
	tests := []struct {
		name    string
		header  []string
		baggage string
		want    string // "" means a fresh id
	}{
		{"header only", []string{"from-header"}, "", "from-header"},
		{"baggage only", nil, "request_id=from-baggage", "from-baggage"},
		{"both", []string{"from-header"}, "request_id=from-baggage", "from-header"},
		{"neither", nil, "", ""},
		{"bad header, baggage", []string{"bad id"}, "request_id=from-baggage", "from-baggage"},
		{"two headers, baggage", []string{"one", "two"}, "request_id=from-baggage", "from-baggage"},
		{"header, bad baggage", []string{"from-header"}, "request_id=bad%20id", "from-header"},
		{"bad baggage only", nil, "request_id=bad%20id", ""},
	}
	for _, tt := range tests {
		for _, order := range orders {
			t.Run(tt.name+"/"+order.name, func(t *testing.T) {
				var got seen
				srv := httptest.NewServer(order.wrap(handler(&got)))
				defer srv.Close()
				req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
				require.NoError(t, err)
				for _, h := range tt.header {
					req.Header.Add(alshttp.RequestIDHeader, h)
				}
				if tt.baggage != "" {
					req.Header.Set("Baggage", tt.baggage)
				}
				resp, err := http.DefaultClient.Do(req)
				require.NoError(t, err)
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				got.response = resp.Header.Get(alshttp.RequestIDHeader)

				assert.Equal(t, got.handler, got.response, "handler and response header agree")
				assert.Equal(t, got.handler, got.current, "RequestID and Current agree")
				if tt.want != "" {
					assert.Equal(t, tt.want, got.handler)
				} else {
					assert.Len(t, got.handler, 32, "a fresh id")
					assert.NotContains(t, []string{"from-header", "from-baggage"}, got.handler)
				}
			})
		}
	}
}
