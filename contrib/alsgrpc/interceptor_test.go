package alsgrpc_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsgrpc"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsprop"
)

// call makes a unary or a server-streaming call and waits for its end.
func call(t *testing.T, ctx context.Context, c healthpb.HealthClient, stream bool) {
	t.Helper()
	if !stream {
		_, err := c.Check(ctx, &healthpb.HealthCheckRequest{})
		require.NoError(t, err)
		return
	}
	w, err := c.Watch(ctx, &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	_, err = w.Recv()
	require.NoError(t, err)
	_, err = w.Recv()
	require.ErrorIs(t, err, io.EOF)
}

// The handler, its ctx, its log line and a goroutine it starts with
// als.Go all see the client's request id and tenant, in unary calls and
// streams alike.
func TestServerSeesClientStores(t *testing.T) {
	f := start(t)
	want := seen{"req-7", "acme"}
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			alshttp.RequestIDStorage().Run("req-7", func() {
				tenant.Run("acme", func() { call(t, context.Background(), f.client, stream) })
			})
			handler, inCtx, goroutine := f.svc.last(t)
			assert.Equal(t, want, handler, "handler")
			assert.Equal(t, want, inCtx, "handler's ctx")
			assert.Equal(t, want, goroutine, "als.Go goroutine")
			assert.Contains(t, f.log.String(), `msg=served request_id=req-7 tenant=acme`)
		})
	}
}

// The client reads the context a ctx carries before its own, and sends
// nothing when there is no store, even if the outgoing metadata it was
// given holds a member (copied from an incoming request, say).
func TestClientSendsCallContext(t *testing.T) {
	f := start(t)
	var ctx context.Context
	tenant.Run("from-ctx", func() { ctx = als.WithContext(context.Background()) })
	tenant.Run("caller", func() { call(t, ctx, f.client, false) })
	handler, _, _ := f.svc.last(t)
	assert.Equal(t, seen{"", "from-ctx"}, handler)

	stale := metadata.AppendToOutgoingContext(context.Background(), "als-tenant", "forged", "als-request_id", "forged")
	for _, stream := range []bool{false, true} {
		call(t, stale, f.client, stream)
		handler, _, _ = f.svc.last(t)
		assert.Equal(t, seen{}, handler, "stream=%v", stream)
	}
}

// Hostile metadata, sent by a client without the interceptors, is
// dropped member by member, as hostile baggage is: the other member still
// arrives and the call succeeds.
func TestHostileMetadata(t *testing.T) {
	f := start(t)
	flood := make([]string, 0, 2000)
	for i := range 1000 {
		flood = append(flood, fmt.Sprintf("junk-%04d", i), strings.Repeat("j", 10))
	}
	tests := []struct {
		name string
		kv   []string
	}{
		{"CR LF forging a log line", []string{"als-tenant", "acme%0D%0Alevel%3DERROR"}},
		{"NUL", []string{"als-tenant", "a%00b"}},
		{"C1 control", []string{"als-tenant", "a%C2%85b"}},
		{"not UTF-8", []string{"als-tenant", "%FF"}},
		{"bad percent-encoding", []string{"als-tenant", "a%zz"}},
		{"repeated", []string{"als-tenant", "acme", "als-tenant", "evil"}},
		{"oversized", []string{"als-tenant", strings.Repeat("x", alsprop.MaxValueBytes+1)}},
		{"flood of foreign keys", flood},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := metadata.AppendToOutgoingContext(context.Background(), append([]string{"als-request_id", "req-9"}, tt.kv...)...)
			for _, stream := range []bool{false, true} {
				call(t, ctx, f.plain, stream)
				handler, _, goroutine := f.svc.last(t)
				assert.Equal(t, seen{"req-9", ""}, handler, "stream=%v", stream)
				assert.Equal(t, seen{"req-9", ""}, goroutine, "stream=%v", stream)
			}
		})
	}
	assert.NotContains(t, f.log.String(), "level=ERROR")
}

// A store too large to send is left out, and the call still goes.
func TestClientOversizedStore(t *testing.T) {
	f := start(t)
	tenant.Run(strings.Repeat("x", alsprop.MaxValueBytes+1), func() {
		alshttp.RequestIDStorage().Run("req-1", func() { call(t, context.Background(), f.client, false) })
	})
	handler, _, _ := f.svc.last(t)
	assert.Equal(t, seen{"req-1", ""}, handler)
}

func TestPanics(t *testing.T) {
	s := als.New[string]()
	tests := []struct {
		name string
		p    *alsprop.Propagator
		want error
	}{
		{"nil propagator", nil, alsgrpc.ErrNilPropagator},
		{"key gRPC refuses", alsprop.NewPropagator(alsprop.String("a+b", s)), alsprop.ErrInvalidMember},
		{"binary key", alsprop.NewPropagator(alsprop.String("x-bin", s)), alsprop.ErrInvalidMember},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, fn := range map[string]func(){
				"ServerOptions": func() { alsgrpc.ServerOptions(tt.p) },
				"DialOptions":   func() { alsgrpc.DialOptions(tt.p) },
			} {
				func() {
					defer func() {
						err, _ := recover().(error)
						assert.ErrorIs(t, err, tt.want, name)
					}()
					fn()
				}()
			}
		})
	}
}
