package alsotel

import (
	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsprop"
	"github.com/go-als/als/internal/errs"
)

// The member and codec model is alsprop's, shared with every other
// transport (alsgrpc, alsnats); the names here keep alsotel's API.

// ErrInvalidMember is wrapped by the panic of a [Member] constructor or
// [NewPropagator] given a key that is not a valid W3C baggage key, a nil
// storage or codec function, or the same key twice. It is
// [alsprop.ErrInvalidMember].
var ErrInvalidMember = alsprop.ErrInvalidMember

// ErrNilHandler is wrapped by the panic of [Propagator.Middleware] given a
// nil [http.Handler]. It is the ErrNilHandler of every contrib package.
var ErrNilHandler = errs.NilHandler

// ErrRejected is wrapped by the errors of the codecs here for a value
// they refuse to decode. It is [alsprop.ErrRejected].
var ErrRejected = alsprop.ErrRejected

// Codec turns a store into a baggage value and back; see [alsprop.Codec].
// Decode sees values from other processes: it must reject whatever it
// does not accept, and its error drops the member.
type Codec[T any] = alsprop.Codec[T]

// Member is one storage crossing processes as one baggage member; see
// [alsprop.Member]. Make one with [Value], [String] or [RequestIDMember].
type Member = alsprop.Member

// StringCodec is the identity codec. Decode rejects any value that is not
// UTF-8 or holds a control character (C0, DEL or C1, so CR, LF, NUL and
// tab), which a store could carry into a log line or a header; a non-nil
// valid rejects the values for which it is false on top of that.
func StringCodec(valid func(string) bool) Codec[string] { return alsprop.StringCodec(valid) }

// IntCodec encodes an int in decimal.
func IntCodec() Codec[int] { return alsprop.IntCodec() }

// Value makes a member that carries s's store under key, encoded with c.
// A store that c cannot encode is not sent. Key must be a W3C baggage
// key, an RFC 7230 token: OpenTelemetry accepts any UTF-8 key but leaves
// the others out of the header, which would lose the member silently.
func Value[T any](key string, s *als.Storage[T], c Codec[T]) Member { return alsprop.Value(key, s, c) }

// String makes a member that carries a string storage as is, with
// StringCodec(nil): an incoming value that is not UTF-8 or holds a
// control character is dropped.
func String(key string, s *als.Storage[string]) Member { return alsprop.String(key, s) }

// RequestIDMember makes the member "request_id" that carries alshttp's
// request id ([alshttp.RequestIDStorage]), accepting only ids
// [alshttp.ValidID] accepts. [alshttp.Middleware] inside the
// [Propagator.Middleware] adopts it as the request's id.
func RequestIDMember() Member { return alsprop.RequestIDMember() }
