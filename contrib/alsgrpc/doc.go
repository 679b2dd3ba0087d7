// Package alsgrpc carries stores across gRPC calls: the client sends the
// current stores in the request's metadata, and the server runs each
// handler in them, so that the handler, its log lines and the goroutines
// it starts with [als.Go] see the caller's request id and tenant with no
// ctx threaded through.
//
// The storages that cross, and how each is encoded, are the members of an
// [alsprop.Propagator], the same model alsotel sends as baggage and alsnats
// as NATS headers. Each member travels as the metadata key
// "als-" + key:
//
//	prop := alsprop.NewPropagator(
//		alsprop.RequestIDMember(),        // alshttp's request id
//		alsprop.String("tenant", tenant), // any storage, with a codec
//	)
//	srv := grpc.NewServer(alsgrpc.ServerOptions(prop)...)
//	conn, err := grpc.NewClient(addr, append(alsgrpc.DialOptions(prop), creds)...)
//
// [ServerOptions] and [DialOptions] install the interceptors.
//
// Incoming metadata is untrusted and gets the treatment alsprop gives
// every transport: a repeated, oversized or badly encoded member, or one
// its codec rejects (String rejects control characters), is dropped, and
// other metadata keys are never looked at. The call itself never fails
// because of it.
//
// This package is a Go module of its own, so that the main module never
// depends on gRPC.
package alsgrpc
