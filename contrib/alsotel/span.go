package alsotel

import (
	"context"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/trace"
)

var (
	// spans holds the current span, so that trace context reaches the
	// next process without a ctx parameter.
	spans = als.New[trace.Span]()
	// bags holds the baggage the request came with, so that members the
	// Propagator does not map to storages still reach the next hop.
	bags = als.New[baggage.Baggage]()
)

// SpanStorage returns the storage of the current OpenTelemetry span,
// whose store [Span] reads. Run a span in it, or use [Start], and the
// [Propagator] sends its trace context along with every outgoing request
// made below.
func SpanStorage() *als.Storage[trace.Span] { return spans }

// Span returns the span current in the store, or a no-op span with an
// invalid span context when there is none, as [trace.SpanFromContext]
// does.
func Span() trace.Span {
	if s, ok := spans.GetStore(); ok && s != nil {
		return s
	}
	return trace.SpanFromContext(context.Background())
}

// Baggage returns the baggage the request being served arrived with, as
// [Propagator.Middleware] or [Propagator.Extract] kept it.
func Baggage() baggage.Baggage {
	b, _ := bags.GetStore()
	return b
}

// Context returns parent with the store's span and baggage added where
// parent has none, for calling OpenTelemetry APIs that take a ctx.
func Context(parent context.Context) context.Context {
	ctx := parent
	if !trace.SpanContextFromContext(ctx).IsValid() {
		if s, ok := spans.FromContext(parent); ok && s != nil {
			ctx = trace.ContextWithSpan(ctx, s)
		}
	}
	if baggage.FromContext(ctx).Len() == 0 {
		if b, ok := bags.FromContext(parent); ok && b.Len() > 0 {
			ctx = baggage.ContextWithBaggage(ctx, b)
		}
	}
	return ctx
}

// Start starts a span named name with tracer, as a child of the span
// current in the store, runs fn with it current, and ends it when fn
// returns or panics. It panics with an error wrapping [als.ErrNilFunc]
// when fn is nil.
func Start(tracer trace.Tracer, name string, fn func(span trace.Span), opts ...trace.SpanStartOption) {
	if fn == nil {
		panic(errs.NilFuncTo("alsotel.Start"))
	}
	_, span := tracer.Start(Context(context.Background()), name, opts...)
	defer span.End()
	spans.Run(span, func() { fn(span) })
}
