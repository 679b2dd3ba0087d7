package alsprop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsprop"
)

var (
	tenant = als.New[string]()
	shard  = als.New[int]()
	prop   = alsprop.NewPropagator(
		alsprop.RequestIDMember(),
		alsprop.String("tenant", tenant),
		alsprop.Value("shard", shard, alsprop.IntCodec()),
	)
)

type seen struct {
	requestID, tenant string
	shard             int
}

func read() (s seen) {
	s.requestID, _ = alshttp.RequestIDStorage().GetStore()
	s.tenant, _ = tenant.GetStore()
	s.shard, _ = shard.GetStore()
	return s
}

func inject(requestID, ten string, sh int) http.Header {
	h := http.Header{}
	alshttp.RequestIDStorage().Run(requestID, func() {
		tenant.Run(ten, func() {
			shard.Run(sh, func() { prop.Inject(context.Background(), h) })
		})
	})
	return h
}

func extract(h http.Header) (s seen) {
	als.RunContext(prop.Extract(context.Background(), h), func() { s = read() })
	return s
}

func TestRoundTrip(t *testing.T) {
	h := inject("r-1", "café bar", 7)
	assert.Equal(t, "caf%C3%A9%20bar", h.Get("Als-tenant"), "percent-encoded, printable ASCII")
	assert.Equal(t, seen{"r-1", "café bar", 7}, extract(h))
}

// Inject reads the context a ctx carries before the caller's own.
func TestInjectFromContext(t *testing.T) {
	var ctx context.Context
	tenant.Run("acme", func() { ctx = als.WithContext(context.Background()) })
	h := http.Header{}
	tenant.Run("other", func() { prop.Inject(ctx, h) })
	assert.Equal(t, "acme", h.Get("Als-tenant"))
}

// A header that came in with a message must not go out again when the
// store is unset, so Inject removes the headers of members with no store.
func TestInjectRemovesStaleHeaders(t *testing.T) {
	h := http.Header{}
	h.Set("Als-tenant", "forged")
	h.Set("Als-request_id", "forged")
	tenant.Run("acme", func() { prop.Inject(context.Background(), h) })
	assert.Equal(t, []string{"acme"}, h.Values("Als-tenant"))
	assert.Empty(t, h.Values("Als-request_id"))
}

func TestInjectLimits(t *testing.T) {
	h := inject("r-1", strings.Repeat("x", alsprop.MaxValueBytes+1), 3)
	assert.Empty(t, h.Values("Als-tenant"), "a value past MaxValueBytes is not sent")
	assert.Equal(t, "r-1", h.Get("Als-request_id"))
	assert.Equal(t, "3", h.Get("Als-shard"))

	// Three members of MaxValueBytes cannot all fit in MaxBytes: the
	// first ones go, in member order.
	a, b, c := als.New[string](), als.New[string](), als.New[string]()
	p := alsprop.NewPropagator(alsprop.String("a", a), alsprop.String("b", b), alsprop.String("c", c))
	big := strings.Repeat("v", alsprop.MaxValueBytes-10)
	h = http.Header{}
	a.Run(big, func() { b.Run(big, func() { c.Run(big, func() { p.Inject(context.Background(), h) }) }) })
	assert.Equal(t, big, h.Get("Als-a"))
	assert.Equal(t, big, h.Get("Als-b"))
	assert.Empty(t, h.Values("Als-c"))
}

// Hostile headers are dropped member by member; the others still arrive.
func TestExtractHostile(t *testing.T) {
	tests := []struct {
		name   string
		tenant []string
	}{
		{"CR LF forging a log line", []string{"a%0D%0Alevel%3DERROR"}},
		{"NUL", []string{"a%00b"}},
		{"tab", []string{"a%09b"}},
		{"DEL", []string{"a%7Fb"}},
		{"C1 control", []string{"a%C2%85b"}},
		{"raw LF", []string{"a\nb"}},
		{"not UTF-8", []string{"%FF%FE"}},
		{"bad percent-encoding", []string{"a%zz"}},
		{"repeated", []string{"acme", "evil"}},
		{"oversized", []string{strings.Repeat("x", alsprop.MaxValueBytes+1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := inject("r-1", "ignored", 3)
			h["Als-Tenant"] = tt.tenant
			assert.Equal(t, seen{"r-1", "", 3}, extract(h))
		})
	}
}

// A flood of foreign headers is not looked at and costs no member.
func TestExtractFlood(t *testing.T) {
	h := inject("r-1", "acme", 3)
	for i := range 10000 {
		h.Set("Als-junk"+strings.Repeat("j", i%50)+string(rune('a'+i%26))+strings.Repeat("k", i/1000), strings.Repeat("x", 100))
	}
	assert.Equal(t, seen{"r-1", "acme", 3}, extract(h))
}

// Rejected request ids are those alshttp itself would refuse.
func TestRequestIDValidated(t *testing.T) {
	h := http.Header{}
	h.Set("Als-request_id", "has%20space")
	assert.Equal(t, seen{}, extract(h))
}

func TestNewPropagatorPanics(t *testing.T) {
	s := als.New[string]()
	tests := []struct {
		name string
		fn   func()
	}{
		{"zero member", func() { alsprop.NewPropagator(alsprop.Member{}) }},
		{"same key", func() { alsprop.NewPropagator(alsprop.String("k", s), alsprop.String("k", s)) }},
		{"same key but for case", func() { alsprop.NewPropagator(alsprop.String("Tenant", s), alsprop.String("tenant", s)) }},
		{"key not a token", func() { alsprop.String("a b", s) }},
		{"empty key", func() { alsprop.String("", s) }},
		{"nil storage", func() { alsprop.String("k", nil) }},
		{"nil codec", func() { alsprop.Value("k", s, alsprop.Codec[string]{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				err, _ := recover().(error)
				require.ErrorIs(t, err, alsprop.ErrInvalidMember)
			}()
			tt.fn()
		})
	}
}

// Extract starts from the context ctx carries, and WithStores sets the
// later stores innermost.
func TestWithStores(t *testing.T) {
	var base context.Context
	shard.Run(9, func() { tenant.Run("outer", func() { base = als.WithContext(context.Background()) }) })
	ctx := alsprop.WithStores(base, alsprop.Set(tenant, "a"), alsprop.Store{}, alsprop.Set(tenant, "b"))
	als.RunContext(ctx, func() {
		assert.Equal(t, seen{"", "b", 9}, read())
	})
	_, err := alsprop.Member{}.Decode("x")
	assert.ErrorIs(t, err, alsprop.ErrInvalidMember)
	_, ok := alsprop.Member{}.Encode(context.Background())
	assert.False(t, ok)
}

// The message is the truth for its members: one missing or dropped is
// hidden, not borrowed from the receiving goroutine, while storages that
// are not members keep their stores.
func TestExtractHidesMissingMembers(t *testing.T) {
	other := als.New[string]()
	h := http.Header{}
	h.Set("Als-tenant", "a%00b") // dropped
	other.Run("kept", func() {
		alshttp.RequestIDStorage().Run("receiver's", func() {
			tenant.Run("receiver's", func() {
				als.RunContext(prop.Extract(context.Background(), h), func() {
					assert.Equal(t, seen{}, read())
					v, _ := other.GetStore()
					assert.Equal(t, "kept", v)
				})
			})
		})
	})
}
