// Package alsotel carries stores across processes on OpenTelemetry's
// propagation, the W3C Trace Context and Baggage headers that services
// already exchange, instead of a header of its own.
//
// A [Propagator] is a [propagation.TextMapPropagator]. It is told which
// storages cross the wire, each as one baggage member with a string codec:
//
//	var tenant = als.New[string]()
//
//	prop := alsotel.NewPropagator(
//		alsotel.RequestIDMember(),        // alshttp's request id, as "request_id"
//		alsotel.String("tenant", tenant), // any storage, with a codec
//	)
//
// On the calling side, &[Transport]{Propagator: prop} is an
// [http.RoundTripper] that injects the stores of the current context into
// each outgoing request: the members as baggage, next to any baggage the
// request's ctx or the incoming request already had, and, when a span is
// current in the store ([SpanStorage], [Start]) or in the request's ctx,
// its trace context as traceparent. On the receiving side,
// prop.Middleware(next) ([Propagator.Middleware]) extracts them and serves
// the request with the stores set, the remote span current and the incoming
// baggage kept for the next hop:
//
//	http.ListenAndServe(addr, prop.Middleware(alshttp.Middleware(mux)))
//
// [Propagator.Extract] alone returns a ctx that carries the extracted
// stores ([als.WithContext]), so the Propagator also works where another
// library calls it, such as otelhttp after otel.SetTextMapPropagator(prop):
// enter the stores with [als.RunContext](r.Context(), ...).
//
// Incoming baggage is untrusted. OpenTelemetry drops malformed members and
// truncates a header past the W3C limits (64 members, 8192 bytes); a member
// whose codec rejects its value is dropped too, and [StringCodec], which
// [String] uses, rejects values with control characters. None of it panics
// or fails the request. Outgoing, [Propagator.Inject] writes the service's
// own members first and adds foreign members only while the header stays
// within the limits, so the next hop never drops the service's members to
// make room for someone else's.
//
// [alshttp.Middleware] inside prop.Middleware is the natural order; the
// other gives the same request id (see [Propagator.Middleware]).
//
// [Member], [Codec] and their constructors are those of [alsprop], the
// one model every transport shares (alsgrpc and alsnats send the same
// members as headers), so a member made here works there too.
//
// This package is a Go module of its own, so that the main module never
// depends on OpenTelemetry.
package alsotel
