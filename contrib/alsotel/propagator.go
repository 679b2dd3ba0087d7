package alsotel

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-als/als"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Propagator is a propagation.TextMapPropagator that carries chosen
// storages as W3C baggage members and the store's span as W3C trace
// context. Make one with NewPropagator; it is safe for concurrent use.
type Propagator struct {
	members []Member
}

var _ propagation.TextMapPropagator = (*Propagator)(nil)

// NewPropagator returns a Propagator for members. Keys must be distinct.
func NewPropagator(members ...Member) *Propagator {
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if m.encode == nil {
			panic(fmt.Errorf("%w: zero Member", ErrInvalidMember))
		}
		if seen[m.key] {
			panic(fmt.Errorf("%w: key %q given twice", ErrInvalidMember, m.key))
		}
		seen[m.key] = true
	}
	return &Propagator{members: append([]Member(nil), members...)}
}

// Inject writes the trace context and baggage of ctx into carrier. The
// span is ctx's when it has a valid one, otherwise the store's; the
// baggage is ctx's, or else the one the request being served came with,
// with each member's key set to its storage's store, read from the
// context ctx carries (als.WithContext) or else the caller's, and removed
// where the storage has no store.
func (p *Propagator) Inject(ctx context.Context, carrier propagation.TextMapCarrier) {
	ctx = Context(ctx)
	propagation.TraceContext{}.Inject(ctx, carrier)
	bag := baggage.FromContext(ctx)
	for _, m := range p.members {
		v, ok := m.encode(ctx)
		if !ok {
			// The storage is the truth for its key: a member that came
			// in with the request, or was rejected on the way in, must
			// not go out when the store is hidden or unset.
			bag = bag.DeleteMember(m.key)
			continue
		}
		mem, err := baggage.NewMemberRaw(m.key, v)
		if err != nil {
			continue
		}
		if b, err := bag.SetMember(mem); err == nil {
			bag = b
		}
	}
	propagation.Baggage{}.Inject(baggage.ContextWithBaggage(ctx, bag), carrier)
}

// Extract reads trace context and baggage from carrier into a copy of
// parent, as OpenTelemetry's own propagators do, and makes it carry an
// als context too (als.WithContext): the one parent carries, or else the
// caller's current one, plus the decoded members' stores, the remote span
// and the baggage. Enter it with
// als.RunContext. Malformed, oversized or rejected members are dropped.
func (p *Propagator) Extract(parent context.Context, carrier propagation.TextMapCarrier) context.Context {
	ctx := propagation.TraceContext{}.Extract(parent, carrier)
	ctx = propagation.Baggage{}.Extract(ctx, carrier)
	bag := baggage.FromContext(ctx)

	// Each runner sets one store around the next; the innermost captures
	// the frame they build together.
	runners := make([]func(fn func()), 0, len(p.members)+2)
	for _, m := range p.members {
		mem := bag.Member(m.key)
		if mem.Key() == "" {
			continue
		}
		run, err := m.decode(mem.Value())
		if err != nil {
			continue
		}
		runners = append(runners, run)
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		span := trace.SpanFromContext(ctx)
		runners = append(runners, func(fn func()) { spans.Run(span, fn) })
	}
	if bag.Len() > 0 {
		runners = append(runners, func(fn func()) { bags.Run(bag, fn) })
	}
	var out context.Context
	var nest func(i int)
	nest = func(i int) {
		if i == len(runners) {
			out = als.WithContext(ctx)
			return
		}
		runners[i](func() { nest(i + 1) })
	}
	// Start from the context parent carries, if any, as RunContext would.
	als.RunContext(parent, func() { nest(0) })
	return out
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
func (p *Propagator) Middleware(next http.Handler) http.Handler {
	if next == nil {
		panic(fmt.Errorf("%w: nil http.Handler for Middleware", ErrInvalidMember))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := p.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		als.RunContext(ctx, func() { next.ServeHTTP(w, r.WithContext(ctx)) })
	})
}

// Transport returns an http.RoundTripper that injects the current
// context's trace context and baggage into a copy of each request before
// base sends it. A nil base means http.DefaultTransport.
func (p *Propagator) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{p: p, base: base}
}

type transport struct {
	p    *Propagator
	base http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	t.p.Inject(req.Context(), propagation.HeaderCarrier(out.Header))
	return t.base.RoundTrip(out)
}
