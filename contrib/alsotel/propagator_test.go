package alsotel_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsotel"
	"github.com/go-als/als/internal/panics"
)

// otelErrors counts what OpenTelemetry reports through its global error
// handler (malformed baggage), instead of letting it print.
var otelErrors atomic.Int64

func init() {
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(error) { otelErrors.Add(1) }))
}

var (
	tenant = als.New[string]()
	shard  = als.New[int]()
	prop   = alsotel.NewPropagator(alsotel.RequestIDMember(), alsotel.String("tenant", tenant),
		alsotel.Value("shard", shard, alsotel.IntCodec()))
)

var remote = trace.NewSpanContext(trace.SpanContextConfig{
	TraceID:    trace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
	SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 8},
	TraceFlags: trace.FlagsSampled,
})

// stores is what the receiving side found in its stores.
type stores struct {
	requestID, tenant string
	shard             int
	hasShard          bool
	span              trace.SpanContext
	bag               string
}

func read() stores {
	var s stores
	s.requestID = alshttp.RequestID()
	s.tenant, _ = tenant.GetStore()
	s.shard, s.hasShard = shard.GetStore()
	s.span = alsotel.Span().SpanContext()
	s.bag = alsotel.Baggage().String()
	return s
}

func TestBadBaggageIsDropped(t *testing.T) {
	var got stores
	srv := httptest.NewServer(prop.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = read()
	})))
	defer srv.Close()

	many := make([]string, 100)
	for i := range many {
		many[i] = "k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "=v"
	}
	tests := []struct {
		name    string
		baggage []string
		want    stores
	}{
		{"garbage", []string{"%%%;;==,,,=;"}, stores{}},
		{"no value", []string{"request_id"}, stores{}},
		{"key with space", []string{"request id=x"}, stores{}},
		{"oversized member", []string{"request_id=" + strings.Repeat("a", 10000)}, stores{}},
		{"oversized header", []string{"tenant=acme," + strings.Repeat("p=", 1) + strings.Repeat("q", 9000)}, stores{tenant: "acme"}},
		{"invalid request id", []string{"request_id=two%20words,tenant=acme"}, stores{tenant: "acme"}},
		{"request id with newline", []string{"request_id=a%0Ab"}, stores{}},
		{"too long request id", []string{"request_id=" + strings.Repeat("a", alshttp.MaxIDLen+1)}, stores{}},
		{"shard not a number", []string{"shard=abc,tenant=acme"}, stores{tenant: "acme"}},
		{"good members next to bad", []string{"%%bad,shard=3,request_id=r-1"}, stores{requestID: "r-1", shard: 3, hasShard: true}},
		{"many members", append(many, "tenant=late"), stores{}},
		{"two headers", []string{"tenant=acme", "shard=9"}, stores{tenant: "acme", shard: 9, hasShard: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = stores{}
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			require.NoError(t, err)
			for _, b := range tt.baggage {
				req.Header.Add("Baggage", b)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode)
			got.bag = "" // checked in TestExtract
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Positive(t, otelErrors.Load(), "OpenTelemetry reported the malformed baggage")
}

func TestExtract(t *testing.T) {
	carrier := propagation.MapCarrier{}
	hasCaller := als.New[string]()
	hasCaller.Run("caller", func() {
		tenant.Run("acme", func() {
			shard.Run(4, func() {
				ctx := trace.ContextWithSpanContext(context.Background(), remote)
				bag, _ := baggage.Parse("foreign=1")
				prop.Inject(baggage.ContextWithBaggage(ctx, bag), carrier)
			})
		})
	})
	assert.Equal(t, "00-0102030405060708090a0b0c0d0e0f10-0102030405060708-01", carrier.Get("traceparent"))
	for _, m := range []string{"tenant=acme", "shard=4", "foreign=1"} {
		assert.Contains(t, carrier.Get("baggage"), m)
	}

	var ctx context.Context
	hasCaller.Run("server", func() { ctx = prop.Extract(context.Background(), carrier) })
	// The returned ctx is what OpenTelemetry's propagators return...
	assert.Equal(t, remote.TraceID(), trace.SpanContextFromContext(ctx).TraceID())
	assert.Equal(t, "1", baggage.FromContext(ctx).Member("foreign").Value())
	// ...and it carries the stores, with the extracting goroutine's own.
	_, ok := tenant.GetStore()
	assert.False(t, ok, "Extract sets nothing in the caller's context")
	als.RunContext(ctx, func() {
		got := read()
		assert.Equal(t, "acme", got.tenant)
		assert.Equal(t, 4, got.shard)
		assert.Equal(t, remote.SpanID(), got.span.SpanID())
		assert.True(t, got.span.IsRemote())
		assert.Contains(t, got.bag, "foreign=1")
		v, _ := hasCaller.GetStore()
		assert.Equal(t, "server", v)
	})
	alstest.VerifyNone(t) // Extract leaves no entry behind
}

func TestExtractStartsFromParentsContext(t *testing.T) {
	other := als.New[string]()
	var parent context.Context
	other.Run("from-parent", func() { parent = als.WithContext(context.Background()) })
	var ctx context.Context
	other.Run("caller", func() {
		ctx = prop.Extract(parent, propagation.MapCarrier{"baggage": "tenant=acme"})
	})
	als.RunContext(ctx, func() {
		v, _ := other.GetStore()
		assert.Equal(t, "from-parent", v)
		tn, _ := tenant.GetStore()
		assert.Equal(t, "acme", tn)
	})
}

func TestExtractHugeValue(t *testing.T) {
	carrier := propagation.MapCarrier{
		"baggage":     "tenant=" + strings.Repeat("%41", 1<<20),
		"traceparent": "00-" + strings.Repeat("z", 1<<16),
	}
	ctx := prop.Extract(context.Background(), carrier)
	assert.False(t, trace.SpanContextFromContext(ctx).IsValid())
	als.RunContext(ctx, func() { assert.Equal(t, stores{}, read()) })
}

func TestInject(t *testing.T) {
	ctxSpan := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{9}, SpanID: trace.SpanID{9}, TraceFlags: trace.FlagsSampled,
	})
	var carried context.Context
	tenant.Run("from-ctx", func() { carried = als.WithContext(context.Background()) })
	tests := []struct {
		name        string
		ctx         func() context.Context
		run         func(fn func())
		traceparent string
		baggage     []string
	}{
		{"nothing to send", context.Background, func(fn func()) { fn() }, "", nil},
		{"store's span and members", context.Background, func(fn func()) {
			alsotel.SpanStorage().Run(trace.SpanFromContext(trace.ContextWithSpanContext(context.Background(), remote)), func() {
				tenant.Run("acme", fn)
			})
		}, "00-0102030405060708090a0b0c0d0e0f10-0102030405060708-01", []string{"tenant=acme"}},
		{"ctx's span wins", func() context.Context {
			return trace.ContextWithSpanContext(context.Background(), ctxSpan)
		}, func(fn func()) {
			alsotel.SpanStorage().Run(trace.SpanFromContext(trace.ContextWithSpanContext(context.Background(), remote)), fn)
		}, "00-09000000000000000000000000000000-0900000000000000-01", nil},
		{"ctx's stores win", func() context.Context { return carried }, func(fn func()) { tenant.Run("goroutine", fn) },
			"", []string{"tenant=from-ctx"}},
		{"value escaped", context.Background, func(fn func()) { tenant.Run("a b,c;d=é", fn) },
			"", []string{"tenant=a%20b%2Cc%3Bd=%C3%A9"}},
		{"request id", context.Background, func(fn func()) { alshttp.RequestIDStorage().Run("r-9", fn) },
			"", []string{"request_id=r-9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			carrier := propagation.MapCarrier{}
			tt.run(func() { prop.Inject(tt.ctx(), carrier) })
			assert.Equal(t, tt.traceparent, carrier.Get("traceparent"))
			if tt.baggage == nil {
				assert.Empty(t, carrier.Get("baggage"))
			}
			for _, m := range tt.baggage {
				assert.Contains(t, strings.Split(carrier.Get("baggage"), ","), m)
			}
			// What was injected comes back out.
			if len(tt.baggage) > 0 {
				als.RunContext(prop.Extract(context.Background(), carrier), func() {
					if strings.HasPrefix(tt.baggage[0], "tenant=") {
						v, _ := tenant.GetStore()
						var want string
						tt.run(func() { want, _ = tenant.FromContext(tt.ctx()) })
						assert.Equal(t, want, v)
					}
				})
			}
		})
	}
}

func TestTransportLeavesRequestAlone(t *testing.T) {
	var header http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { header = r.Header.Clone() }))
	defer srv.Close()
	client := &http.Client{Transport: &alsotel.Transport{Propagator: prop}}
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	tenant.Run("acme", func() {
		resp, err := client.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
	})
	assert.Equal(t, "tenant=acme", header.Get("Baggage"))
	assert.Empty(t, req.Header.Get("Baggage"), "the caller's request is unchanged")
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A Transport without a Propagator still sends the trace context, but no
// member; one with a Base sends through it.
func TestTransportFields(t *testing.T) {
	var header http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { header = r.Header.Clone() }))
	defer srv.Close()
	var viaBase atomic.Int64
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		viaBase.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	tests := []struct {
		name        string
		transport   *alsotel.Transport
		wantBaggage string
		wantBase    int64
	}{
		{"zero", &alsotel.Transport{}, "", 0},
		{"base only", &alsotel.Transport{Base: base}, "", 1},
		{"propagator and base", &alsotel.Transport{Propagator: prop, Base: base}, "tenant=acme", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header = nil
			before := viaBase.Load()
			client := &http.Client{Transport: tt.transport}
			alsotel.SpanStorage().Run(trace.SpanFromContext(trace.ContextWithRemoteSpanContext(context.Background(), remote)), func() {
				tenant.Run("acme", func() {
					resp, err := client.Get(srv.URL)
					require.NoError(t, err)
					resp.Body.Close()
				})
			})
			assert.Contains(t, header.Get("Traceparent"), remote.TraceID().String())
			assert.Equal(t, tt.wantBaggage, header.Get("Baggage"))
			assert.Equal(t, tt.wantBase, viaBase.Load()-before)
		})
	}
}

func TestFields(t *testing.T) {
	assert.ElementsMatch(t, []string{"traceparent", "tracestate", "baggage"}, prop.Fields())
}

func TestInvalidMembersPanic(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"bad key", func() { alsotel.String("bad key", tenant) }, alsotel.ErrInvalidMember},
		{"empty key", func() { alsotel.String("", tenant) }, alsotel.ErrInvalidMember},
		{"non-ASCII key", func() { alsotel.String("clé", tenant) }, alsotel.ErrInvalidMember},
		{"nil storage", func() { alsotel.String("k", nil) }, alsotel.ErrInvalidMember},
		{"nil codec", func() { alsotel.Value("k", shard, alsotel.Codec[int]{}) }, alsotel.ErrInvalidMember},
		{"duplicate key", func() { alsotel.NewPropagator(alsotel.String("k", tenant), alsotel.String("k", tenant)) }, alsotel.ErrInvalidMember},
		{"zero member", func() { alsotel.NewPropagator(alsotel.Member{}) }, alsotel.ErrInvalidMember},
		{"nil handler", func() { prop.Middleware(nil) }, alsotel.ErrNilHandler},
		{"nil start fn", func() { alsotel.Start(trace.NewNoopTracerProvider().Tracer(""), "x", nil) }, als.ErrNilFunc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

func TestSpanAndContextOutsideStore(t *testing.T) {
	assert.False(t, alsotel.Span().SpanContext().IsValid())
	assert.Equal(t, 0, alsotel.Baggage().Len())
	ctx := context.Background()
	assert.Equal(t, ctx, alsotel.Context(ctx))
}

// The storages own their keys: what goes out is what the stores hold now,
// not what came in.
func TestForwardedBaggageFollowsStores(t *testing.T) {
	in := propagation.MapCarrier{"baggage": "tenant=acme,request_id=bad%20id,shard=x,foreign=1"}
	ctx := prop.Extract(context.Background(), in)
	tests := []struct {
		name string
		run  func(fn func())
		want []string
	}{
		{"as received", func(fn func()) { fn() }, []string{"tenant=acme", "foreign=1"}},
		{"store changed", func(fn func()) { tenant.Run("globex", fn) }, []string{"tenant=globex", "foreign=1"}},
		{"store hidden", func(fn func()) { tenant.Exit(fn) }, []string{"foreign=1"}},
		{"new request id", func(fn func()) { alshttp.RequestIDStorage().Run("r-2", fn) }, []string{"tenant=acme", "request_id=r-2", "foreign=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := propagation.MapCarrier{}
			als.RunContext(ctx, func() {
				tt.run(func() { prop.Inject(context.Background(), out) })
			})
			assert.ElementsMatch(t, tt.want, strings.Split(out.Get("baggage"), ","))
		})
	}
}
