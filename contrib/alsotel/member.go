package alsotel

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
)

// ErrInvalidMember is wrapped by the panic of a Member constructor or
// NewPropagator given a key that is not a valid W3C baggage key, a nil
// storage or codec function, or the same key twice.
var ErrInvalidMember = errors.New("alsotel: invalid baggage member")

// ErrRejected is wrapped by the errors of the codecs here for a value
// they refuse to decode.
var ErrRejected = errors.New("alsotel: baggage value rejected")

// Codec turns a store into a baggage value and back. Decode sees values
// from other processes: it must reject whatever it does not accept, and
// its error drops the member.
type Codec[T any] struct {
	// Encode returns the baggage value for a store; an error leaves the
	// member out of the outgoing request.
	Encode func(T) (string, error)
	// Decode returns the store for a received baggage value, already
	// percent-decoded; an error drops the member.
	Decode func(string) (T, error)
}

// StringCodec is the identity codec. Decode rejects any value that is not
// UTF-8 or holds a control character (C0, DEL or C1, so CR, LF, NUL and
// tab), which a store could carry into a log line or a header; a non-nil
// valid rejects the values for which it is false on top of that. A
// service that needs such values writes a Codec of its own.
func StringCodec(valid func(string) bool) Codec[string] {
	return Codec[string]{
		Encode: func(s string) (string, error) { return s, nil },
		Decode: func(s string) (string, error) {
			if !printable(s) || valid != nil && !valid(s) {
				return "", fmt.Errorf("%w: %.40q", ErrRejected, s)
			}
			return s, nil
		},
	}
}

// printable reports whether s is UTF-8 with no control character.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// IntCodec encodes an int in decimal.
func IntCodec() Codec[int] {
	return Codec[int]{
		Encode: func(v int) (string, error) { return strconv.Itoa(v), nil },
		Decode: func(s string) (int, error) {
			v, err := strconv.Atoi(s)
			if err != nil {
				return 0, fmt.Errorf("%w: %w", ErrRejected, err)
			}
			return v, nil
		},
	}
}

// Member is one storage crossing processes as one baggage member. Make
// one with Value, String or RequestID.
type Member struct {
	key     string
	storage any // the *als.Storage[T], to recognise alshttp's request ids
	// encode returns the baggage value of the store in the context ctx
	// carries, or in the caller's; false when there is no store.
	encode func(ctx context.Context) (string, bool)
	// decode returns a function that runs fn with the decoded store set.
	decode func(value string) (func(fn func()), error)
}

// Key returns the baggage key the member travels under.
func (m Member) Key() string { return m.key }

// Value makes a member that carries s's store under key, encoded with c.
// A store that c cannot encode is not sent.
func Value[T any](key string, s *als.Storage[T], c Codec[T]) Member {
	if s == nil || c.Encode == nil || c.Decode == nil {
		panic(fmt.Errorf("%w: %q needs a storage and both codec functions", ErrInvalidMember, key))
	}
	if !validKey(key) {
		panic(fmt.Errorf("%w: key %q is not an RFC 7230 token", ErrInvalidMember, key))
	}
	return Member{
		key:     key,
		storage: s,
		encode: func(ctx context.Context) (string, bool) {
			v, ok := s.FromContext(ctx)
			if !ok {
				return "", false
			}
			str, err := c.Encode(v)
			return str, err == nil
		},
		decode: func(value string) (func(fn func()), error) {
			v, err := c.Decode(value)
			if err != nil {
				return nil, err
			}
			return func(fn func()) { s.Run(v, fn) }, nil
		},
	}
}

// validKey reports whether key is a W3C baggage key, an RFC 7230 token.
// OpenTelemetry accepts any UTF-8 key but leaves the others out of the
// header, which would lose the member silently.
func validKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// String makes a member that carries a string storage as is, with
// StringCodec(nil): an incoming value that is not UTF-8 or holds a
// control character is dropped.
func String(key string, s *als.Storage[string]) Member {
	return Value(key, s, StringCodec(nil))
}

// RequestID makes the member "request_id" that carries alshttp's request
// id, accepting only ids alshttp.ValidID accepts. alshttp.Middleware
// inside the Propagator's Middleware adopts it as the request's id.
func RequestID() Member {
	return Value("request_id", alshttp.RequestIDs(), StringCodec(alshttp.ValidID))
}
