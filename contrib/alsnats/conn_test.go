package alsnats_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsnats"
	"github.com/go-als/als/contrib/alsprop"
)

// inStores runs fn with the request id and tenant set.
func inStores(id, ten string, fn func()) {
	alshttp.RequestIDStorage().Run(id, func() { tenant.Run(ten, fn) })
}

// The handler, its log line and a goroutine it starts with als.Go see the
// publisher's request id and tenant, with Subscribe and QueueSubscribe.
func TestSubscriberSeesPublisherStores(t *testing.T) {
	url := startBroker(t)
	pub, sub := connect(t, url), connect(t, url)
	log, buf := logger()
	type report struct{ handler, goroutine seen }
	got := make(chan report, 2)
	handle := func(m *nats.Msg) {
		var r report
		r.handler = current()
		done := make(chan struct{})
		als.Go(func() { defer close(done); r.goroutine = current() })
		<-done
		log.Info("consumed", "subject", m.Subject)
		got <- r
	}
	_, err := sub.Subscribe("orders", handle)
	require.NoError(t, err)
	_, err = sub.QueueSubscribe("invoices", "workers", handle)
	require.NoError(t, err)
	require.NoError(t, sub.NATS().Flush())

	want := seen{"req-1", "acme"}
	for _, subj := range []string{"orders", "invoices"} {
		inStores("req-1", "acme", func() { require.NoError(t, pub.Publish(context.Background(), subj, []byte("x"))) })
		r := within(t, got)
		assert.Equal(t, want, r.handler, subj)
		assert.Equal(t, want, r.goroutine, subj)
		assert.Contains(t, buf.String(), fmt.Sprintf("msg=consumed subject=%s request_id=req-1 tenant=acme", subj))
	}
}

// Request and reply: the responder's handler runs in the requester's
// stores, and its reply carries them back.
func TestRequestReply(t *testing.T) {
	url := startBroker(t)
	client, service := connect(t, url), connect(t, url)
	_, err := service.Subscribe("quote", func(m *nats.Msg) {
		s := current()
		_ = service.Respond(context.Background(), m, []byte(s.RequestID+"/"+s.Tenant))
	})
	require.NoError(t, err)
	require.NoError(t, service.NATS().Flush())

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, byMsg := range []bool{false, true} {
		var reply *nats.Msg
		inStores("req-2", "globex", func() {
			if byMsg {
				reply, err = client.RequestMsg(ctx, &nats.Msg{Subject: "quote"})
			} else {
				reply, err = client.Request(ctx, "quote", nil)
			}
		})
		require.NoError(t, err)
		assert.Equal(t, "req-2/globex", string(reply.Data), "what the responder saw")
		var back seen
		als.RunContext(client.Extract(context.Background(), reply), func() { back = current() })
		assert.Equal(t, seen{"req-2", "globex"}, back, "the reply's stores")
	}
}

// A message that crosses two services keeps its request id: the edge
// publishes an order, service A handles it and publishes a charge with
// no ctx in hand, and service B, on a connection of its own, logs the
// edge's request id.
func TestTwoServices(t *testing.T) {
	url := startBroker(t)
	edge, a, b := connect(t, url), connect(t, url), connect(t, url)
	log, buf := logger()

	_, err := a.Subscribe("orders", func(m *nats.Msg) {
		log.Info("order received")
		if err := a.Publish(context.Background(), "charges", m.Data); err != nil {
			log.Error("publish", "err", err)
		}
	})
	require.NoError(t, err)
	got := make(chan seen, 1)
	_, err = b.Subscribe("charges", func(*nats.Msg) {
		log.Info("card charged")
		got <- current()
	})
	require.NoError(t, err)
	require.NoError(t, a.NATS().Flush())
	require.NoError(t, b.NATS().Flush())

	inStores("req-42", "initech", func() {
		require.NoError(t, edge.Publish(context.Background(), "orders", []byte("order")))
	})
	assert.Equal(t, seen{"req-42", "initech"}, within(t, got))
	assert.Contains(t, buf.String(), "msg=\"order received\" request_id=req-42 tenant=initech")
	assert.Contains(t, buf.String(), "msg=\"card charged\" request_id=req-42 tenant=initech")
}

// Publish reads the context a ctx carries before the caller's own, and
// PublishMsg never changes the caller's message; a member with no store
// is removed, so a message forwarded as is never carries one unchecked.
func TestPublishHeaders(t *testing.T) {
	url := startBroker(t)
	pub, sub := connect(t, url), connect(t, url)
	raw, err := sub.NATS().SubscribeSync("raw")
	require.NoError(t, err)
	require.NoError(t, sub.NATS().Flush())
	next := func() nats.Header {
		m, err := raw.NextMsg(10 * time.Second)
		require.NoError(t, err)
		return m.Header
	}

	var ctx context.Context
	tenant.Run("from ctx", func() { ctx = als.WithContext(context.Background()) })
	tenant.Run("caller", func() { require.NoError(t, pub.Publish(ctx, "raw", nil)) })
	assert.Equal(t, []string{"from%20ctx"}, next().Values("Als-tenant"))

	in := &nats.Msg{Subject: "raw", Header: nats.Header{"Als-tenant": {"forged"}, "Other": {"kept"}}}
	require.NoError(t, pub.PublishMsg(context.Background(), in))
	h := next()
	assert.Empty(t, h.Values("Als-tenant"))
	assert.Equal(t, "kept", h.Get("Other"))
	assert.Equal(t, nats.Header{"Als-tenant": {"forged"}, "Other": {"kept"}}, in.Header, "caller's message unchanged")
}

// Hostile headers, published with the plain client, are dropped member by
// member, as hostile baggage is; the handler still runs with the other
// member, and never borrows the subscriber's own stores.
func TestHostileHeaders(t *testing.T) {
	url := startBroker(t)
	pub, sub := connect(t, url), connect(t, url)
	got := make(chan seen, 1)
	// The subscriber holds stores of its own: a handler must not borrow them.
	inStores("subscriber's", "subscriber's", func() {
		_, err := sub.Subscribe("orders", func(*nats.Msg) { got <- current() })
		require.NoError(t, err)
	})
	require.NoError(t, sub.NATS().Flush())

	flood := nats.Header{}
	for i := range 1000 {
		flood.Set(fmt.Sprintf("Junk-%04d", i), strings.Repeat("j", 10))
	}
	tests := []struct {
		name   string
		header nats.Header
	}{
		{"CR LF forging a log line", nats.Header{"Als-tenant": {"acme%0D%0Alevel%3DERROR"}}},
		{"NUL", nats.Header{"Als-tenant": {"a%00b"}}},
		{"C1 control", nats.Header{"Als-tenant": {"a%C2%85b"}}},
		{"not UTF-8", nats.Header{"Als-tenant": {"%FF"}}},
		{"bad percent-encoding", nats.Header{"Als-tenant": {"a%zz"}}},
		{"repeated", nats.Header{"Als-tenant": {"acme", "evil"}}},
		{"oversized", nats.Header{"Als-tenant": {strings.Repeat("x", alsprop.MaxValueBytes+1)}}},
		{"flood of foreign headers", flood},
		{"no header at all", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &nats.Msg{Subject: "orders", Header: nats.Header{}}
			for k, v := range tt.header {
				m.Header[k] = v
			}
			want := seen{}
			if tt.header != nil {
				m.Header.Set("Als-request_id", "req-9")
				want.RequestID = "req-9"
			}
			require.NoError(t, pub.NATS().PublishMsg(m))
			assert.Equal(t, want, within(t, got))
		})
	}
}

func TestPanics(t *testing.T) {
	url := startBroker(t)
	nc, err := nats.Connect(url)
	require.NoError(t, err)
	defer nc.Close()
	tests := []struct {
		name string
		fn   func()
		want error
	}{
		{"nil conn", func() { alsnats.New(nil, prop) }, alsnats.ErrNilConn},
		{"nil propagator", func() { alsnats.New(nc, nil) }, alsnats.ErrNilPropagator},
		{"nil handler", func() { alsnats.New(nc, prop).Handler(nil) }, alsnats.ErrNilHandler},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				err, _ := recover().(error)
				assert.ErrorIs(t, err, tt.want)
			}()
			tt.fn()
		})
	}
	assert.ErrorIs(t, alsnats.New(nc, prop).Respond(context.Background(), &nats.Msg{}, nil), nats.ErrMsgNoReply)
}
