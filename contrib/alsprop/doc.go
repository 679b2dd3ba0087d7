// Package alsprop is the one model by which stores cross processes, on
// whatever transport: a [Member] carries one storage under a key, with a
// [Codec] that turns its store into a string and back and rejects what it
// does not accept.
//
//	var tenant = als.New[string]()
//
//	members := []alsprop.Member{
//		alsprop.RequestIDMember(),        // alshttp's request id, as "request_id"
//		alsprop.String("tenant", tenant), // any storage, with a codec
//	}
//
// contrib/alsotel sends the members as W3C baggage. For transports with
// headers and no baggage, a [Propagator] sends each member as a header of
// its own ([HeaderPrefix] + key) and reads it back into a ctx that carries
// the stores ([als.WithContext]): contrib/alsgrpc does so in gRPC metadata,
// contrib/alsnats in NATS message headers.
//
// Whatever arrives is untrusted, and every transport treats it alike:
// [StringCodec], which [String] uses, rejects values that are not UTF-8 or
// hold a control character (CR, LF, NUL...); a Propagator drops a member
// whose header is repeated, is longer than [MaxValueBytes] or is badly
// percent-encoded, ignores every header that is not a member's, and never
// sends more than [MaxBytes] of members. None of it panics or fails the
// message.
//
// The package needs only the standard library and als, so it lives in the
// main module; the transports are modules of their own.
package alsprop
