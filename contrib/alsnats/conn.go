package alsnats

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/nats-io/nats.go"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsprop"
	"github.com/go-als/als/internal/errs"
)

// ErrNilConn is wrapped by the panic of [New] given a nil [nats.Conn].
var ErrNilConn = errors.New("alsnats: nil nats.Conn")

// ErrNilPropagator is wrapped by the panic of [New] given a nil
// [alsprop.Propagator]. It is [alsprop.ErrNilPropagator].
var ErrNilPropagator = alsprop.ErrNilPropagator

// ErrNilHandler is wrapped by the panic of [Conn.Handler],
// [Conn.Subscribe] and [Conn.QueueSubscribe] given a nil
// [nats.MsgHandler]. It is the ErrNilHandler of every contrib package.
var ErrNilHandler = errs.NilHandler

// Conn is a NATS connection that sends the current stores in the headers
// of every message it publishes and runs its subscription handlers in the
// stores of each message. Make one with New; it is safe for concurrent
// use, as the *nats.Conn is.
type Conn struct {
	nc *nats.Conn
	p  *alsprop.Propagator
}

// New returns a Conn that publishes and receives on nc the members of p,
// each as the header HeaderPrefix + key (alsprop.HeaderPrefix).
func New(nc *nats.Conn, p *alsprop.Propagator) *Conn {
	if nc == nil {
		panic(ErrNilConn)
	}
	if p == nil {
		panic(fmt.Errorf("%w passed to alsnats.New", ErrNilPropagator))
	}
	return &Conn{nc: nc, p: p}
}

// NATS returns the underlying connection, for everything Conn does not
// wrap (Flush, Drain, Close, JetStream...).
func (c *Conn) NATS() *nats.Conn { return c.nc }

// Publish sends data on subj with the stores of the context ctx carries
// (als.WithContext), or else the caller's current ones, in its headers.
func (c *Conn) Publish(ctx context.Context, subj string, data []byte) error {
	return c.nc.PublishMsg(c.outgoing(ctx, &nats.Msg{Subject: subj, Data: data}))
}

// PublishMsg sends a copy of m whose headers carry the stores, as Publish
// does. m itself is never changed. A header of a member whose storage has
// no store is removed from the copy, so that a message forwarded as is
// never carries a member unchecked.
func (c *Conn) PublishMsg(ctx context.Context, m *nats.Msg) error {
	return c.nc.PublishMsg(c.outgoing(ctx, m))
}

// Request sends data on subj with the stores in its headers, as Publish
// does, and waits for one reply until ctx is done.
func (c *Conn) Request(ctx context.Context, subj string, data []byte) (*nats.Msg, error) {
	return c.nc.RequestMsgWithContext(ctx, c.outgoing(ctx, &nats.Msg{Subject: subj, Data: data}))
}

// RequestMsg sends a copy of m with the stores in its headers, as
// PublishMsg does, and waits for one reply until ctx is done.
func (c *Conn) RequestMsg(ctx context.Context, m *nats.Msg) (*nats.Msg, error) {
	return c.nc.RequestMsgWithContext(ctx, c.outgoing(ctx, m))
}

// Respond replies to req with data and the stores in the reply's headers,
// as Publish does: inside a handler, the stores of the request.
func (c *Conn) Respond(ctx context.Context, req *nats.Msg, data []byte) error {
	if req == nil || req.Reply == "" {
		return nats.ErrMsgNoReply
	}
	return c.nc.PublishMsg(c.outgoing(ctx, &nats.Msg{Subject: req.Reply, Data: data}))
}

// outgoing returns a copy of m whose headers carry the stores.
func (c *Conn) outgoing(ctx context.Context, m *nats.Msg) *nats.Msg {
	out := &nats.Msg{Subject: m.Subject, Reply: m.Reply, Data: m.Data, Header: nats.Header{}}
	for k, v := range m.Header {
		out.Header[k] = slices.Clone(v)
	}
	c.p.Inject(ctx, out.Header)
	return out
}

// Subscribe subscribes to subj with h wrapped by Handler.
func (c *Conn) Subscribe(subj string, h nats.MsgHandler) (*nats.Subscription, error) {
	return c.nc.Subscribe(subj, c.Handler(h))
}

// QueueSubscribe subscribes to subj in queue group queue with h wrapped
// by Handler.
func (c *Conn) QueueSubscribe(subj, queue string, h nats.MsgHandler) (*nats.Subscription, error) {
	return c.nc.QueueSubscribe(subj, queue, c.Handler(h))
}

// Handler returns a handler that runs h for each message in the context
// current where Handler was called, with the stores the message's headers
// carry set on top. The message is the truth for the members: one it
// lacks, or whose header is hostile (see alsprop.Propagator.Extract), has
// no store in h, whatever the subscriber's goroutine held.
func (c *Conn) Handler(h nats.MsgHandler) nats.MsgHandler {
	if h == nil {
		panic(errs.NilHandlerTo("alsnats.Conn.Handler"))
	}
	base := als.WithContext(context.Background())
	return func(m *nats.Msg) {
		als.RunContext(c.Extract(base, m), func() { h(m) })
	}
}

// Extract returns a copy of ctx that carries the stores of m's headers on
// top of the context ctx carries, or else the caller's current one, for a
// message received without Handler (SubscribeSync, a reply). Enter it
// with als.RunContext.
func (c *Conn) Extract(ctx context.Context, m *nats.Msg) context.Context {
	var h nats.Header
	if m != nil {
		h = m.Header
	}
	return c.p.Extract(ctx, h)
}
