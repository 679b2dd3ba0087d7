package alsotel

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsprop"
	"github.com/go-als/als/internal/errs"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Propagator is a [propagation.TextMapPropagator] that carries chosen
// storages as W3C baggage members and the store's span as W3C trace
// context. Make one with [NewPropagator]; it is safe for concurrent use.
// [Transport] and [Propagator.Middleware] use it for net/http.
type Propagator struct {
	members []Member
	// requestID is whether a member carries alshttp's request id, which
	// makes the order of the two middlewares matter (see Middleware).
	requestID bool
}

var _ propagation.TextMapPropagator = (*Propagator)(nil)

// NewPropagator returns a [Propagator] for members. Keys must be distinct:
// it panics with an error wrapping [ErrInvalidMember] on a repeated key or
// a zero [Member].
func NewPropagator(members ...Member) *Propagator {
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if m.Storage() == nil {
			panic(fmt.Errorf("%w: zero Member", ErrInvalidMember))
		}
		if seen[m.Key()] {
			panic(fmt.Errorf("%w: key %q given twice", ErrInvalidMember, m.Key()))
		}
		seen[m.Key()] = true
	}
	p := &Propagator{members: append([]Member(nil), members...)}
	for _, m := range members {
		p.requestID = p.requestID || m.Storage() == any(alshttp.RequestIDStorage())
	}
	return p
}

// W3C Baggage limits on a baggage header, which receivers enforce by
// dropping members, in no order the sender controls.
const (
	maxMembers = 64
	maxBytes   = 8192
)

// Inject writes the trace context and baggage of ctx into carrier. The
// span is ctx's when it has a valid one, otherwise the store's. The
// baggage is the members' stores, read from the context ctx carries
// ([als.WithContext]) or else the caller's, each under its key, and then
// the foreign members of ctx's baggage, or else of the baggage the
// request being served came with. A member whose storage has no store is
// left out, even if it came in. Foreign members go on in key order only
// while the header stays within the W3C limits (64 members, 8192 bytes),
// so that a flood of incoming baggage never makes the next hop drop this
// service's own members.
func (p *Propagator) Inject(ctx context.Context, carrier propagation.TextMapCarrier) {
	ctx = Context(ctx)
	propagation.TraceContext{}.Inject(ctx, carrier)

	// The header is written here, not by propagation.Baggage, whose
	// order is map order: our own members go first, so that even a
	// receiver that truncates a long header keeps them.
	var list []string
	size := 0
	add := func(m baggage.Member) bool {
		s := m.String()
		n := len(s)
		if len(list) > 0 {
			n++ // the comma
		}
		if s == "" || len(list) >= maxMembers || size+n > maxBytes {
			return false
		}
		list = append(list, s)
		size += n
		return true
	}
	own := make(map[string]bool, len(p.members))
	for _, m := range p.members {
		own[m.Key()] = true
		v, ok := m.Encode(ctx)
		if !ok {
			// The storage is the truth for its key: a member that came
			// in with the request, or was rejected on the way in, must
			// not go out when the store is hidden or unset.
			continue
		}
		if mem, err := baggage.NewMemberRaw(m.Key(), v); err == nil {
			add(mem)
		}
	}
	foreign := slices.DeleteFunc(baggage.FromContext(ctx).Members(), func(m baggage.Member) bool { return own[m.Key()] })
	slices.SortFunc(foreign, func(a, b baggage.Member) int { return strings.Compare(a.Key(), b.Key()) })
	for _, m := range foreign {
		add(m)
	}
	if len(list) > 0 {
		carrier.Set("baggage", strings.Join(list, ","))
	}
}

// Extract reads trace context and baggage from carrier into a copy of
// parent, as OpenTelemetry's own propagators do, and makes it carry an
// als context too ([als.WithContext]): the one parent carries, or else the
// caller's current one, plus the decoded members' stores, the remote span
// and the baggage. Enter it with [als.RunContext]. Malformed, oversized
// or rejected members are dropped.
func (p *Propagator) Extract(parent context.Context, carrier propagation.TextMapCarrier) context.Context {
	ctx := propagation.TraceContext{}.Extract(parent, carrier)
	ctx = propagation.Baggage{}.Extract(ctx, carrier)
	bag := baggage.FromContext(ctx)

	stores := make([]alsprop.Store, 0, len(p.members)+2)
	for _, m := range p.members {
		mem := bag.Member(m.Key())
		if mem.Key() == "" {
			continue
		}
		st, err := m.Decode(mem.Value())
		if err != nil {
			continue
		}
		stores = append(stores, st)
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		stores = append(stores, alsprop.Set(spans, trace.SpanFromContext(ctx)))
	}
	if bag.Len() > 0 {
		stores = append(stores, alsprop.Set(bags, bag))
	}
	// ctx derives from parent, so it carries parent's als context, if
	// any, and the stores go on top of it, as RunContext would.
	return alsprop.WithStores(ctx, stores...)
}

// Fields returns the headers Inject sets: traceparent, tracestate and
// baggage.
func (p *Propagator) Fields() []string {
	return append(propagation.TraceContext{}.Fields(), propagation.Baggage{}.Fields()...)
}

// Middleware returns a handler that extracts the request's trace context
// and baggage and serves it with next inside the resulting stores. The
// request's context is the extracted one, so OpenTelemetry code that
// reads r.Context() finds the remote span and baggage too.
//
// It belongs outside [alshttp.Middleware], so that alshttp adopts the
// baggage's request id when the request has no valid X-Request-Id. Inside
// it the answer is the same: a Propagator that carries the request id
// ([RequestIDMember]) and finds alshttp's request already being served
// runs alshttp.Middleware again below itself, which settles the id with
// the baggage known and sets it on the response too. It panics with an
// error wrapping [ErrNilHandler] when next is nil.
func (p *Propagator) Middleware(next http.Handler) http.Handler {
	if next == nil {
		panic(errs.NilHandlerTo("alsotel.Propagator.Middleware"))
	}
	again := alshttp.Middleware(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := next
		if _, served := alshttp.Current(); served && p.requestID {
			h = again
		}
		ctx := p.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		als.RunContext(ctx, func() { h.ServeHTTP(w, r.WithContext(ctx)) })
	})
}

// Transport is an [http.RoundTripper] that injects the current context's
// trace context and baggage, through its [Propagator], into a copy of
// each request before Base sends it; the request itself is never changed.
// The zero Transport sends trace context and foreign baggage only,
// through [http.DefaultTransport].
//
//	client := &http.Client{Transport: &alsotel.Transport{Propagator: prop}}
type Transport struct {
	// Propagator chooses the members to send; nil means none, as
	// NewPropagator() with no members.
	Propagator *Propagator
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
}

// noMembers is the Propagator of a Transport that has none.
var noMembers = NewPropagator()

// RoundTrip sends a copy of req, with the headers Inject writes, through
// Base.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	p, base := t.Propagator, t.Base
	if p == nil {
		p = noMembers
	}
	if base == nil {
		base = http.DefaultTransport
	}
	out := req.Clone(req.Context())
	p.Inject(req.Context(), propagation.HeaderCarrier(out.Header))
	return base.RoundTrip(out)
}
