// Package alsnats carries stores through NATS messages: a [Conn] publishes
// each message with the current stores in its headers, and runs each
// subscription handler in the stores of its message, so that a consumer,
// its log lines and the goroutines it starts with [als.Go] see the request
// id and tenant of whoever published, however many services the message
// crossed. Request and reply work the same way.
//
// The storages that cross, and how each is encoded, are the members of an
// [alsprop.Propagator], the same model alsotel sends as baggage and alsgrpc
// as gRPC metadata. Each member travels as the header "Als-" + key:
//
//	prop := alsprop.NewPropagator(
//		alsprop.RequestIDMember(),        // alshttp's request id
//		alsprop.String("tenant", tenant), // any storage, with a codec
//	)
//	conn := alsnats.New(nc, prop)
//	conn.Subscribe("orders", func(m *nats.Msg) { ... }) // in m's stores
//	conn.Publish(ctx, "orders", data)                  // with the current stores
//
// Incoming headers are untrusted and get the treatment alsprop gives every
// transport: a repeated, oversized or badly encoded member, or one its
// codec rejects (String rejects control characters), is dropped, and
// other headers are never looked at. A handler never sees a member the
// message lacks, even one the subscribing goroutine held.
//
// This package is a Go module of its own, so that the main module never
// depends on NATS.
package alsnats
