package alsprop

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
)

// ErrInvalidMember is wrapped by the panic of a [Member] constructor,
// [NewPropagator] or a transport's constructor given a key that is not an
// RFC 7230 token, a nil storage or codec function, or the same key twice.
var ErrInvalidMember = errors.New("alsprop: invalid member")

// Member is one storage crossing processes under one key. Make one with
// [Value], [String] or [RequestIDMember]; the zero Member is invalid.
type Member struct {
	key     string
	storage any // the *als.Storage[T], for Storage
	// encode returns the wire value of the store in the context ctx
	// carries, or in the caller's; false when there is no store or the
	// codec refuses it.
	encode func(ctx context.Context) (string, bool)
	// decode returns the Store for a received value.
	decode func(value string) (Store, error)
	// hide is the Store that hides the storage's store.
	hide Store
}

// Key returns the key the member travels under.
func (m Member) Key() string { return m.key }

// Storage returns the *als.Storage[T] the member carries, or nil for the
// zero Member, so that a transport can recognise a storage it treats
// specially, such as alshttp.RequestIDStorage.
func (m Member) Storage() any { return m.storage }

// Encode returns the value the member sends for the store in the context
// ctx carries (als.WithContext), or else in the caller's current context.
// It returns false when there is no store or the codec refuses it: the
// member is then not sent. The value is not percent-encoded.
func (m Member) Encode(ctx context.Context) (string, bool) {
	if m.encode == nil {
		return "", false
	}
	return m.encode(ctx)
}

// Decode returns the Store for a value received under the member's key,
// already percent-decoded, or the codec's error.
func (m Member) Decode(value string) (Store, error) {
	if m.decode == nil {
		return Store{}, fmt.Errorf("%w: zero Member", ErrInvalidMember)
	}
	return m.decode(value)
}

// Hide returns the Store that hides the member's storage (Storage.Exit):
// a receiver for which the message is the truth for the member sets it
// when the member is missing or rejected, so that the work does not
// borrow the store of the goroutine that receives.
func (m Member) Hide() Store { return m.hide }

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
		decode: func(value string) (Store, error) {
			v, err := c.Decode(value)
			if err != nil {
				return Store{}, err
			}
			return Set(s, v), nil
		},
		hide: Hide(s),
	}
}

// validKey reports whether key is an RFC 7230 token, which is what both a
// W3C baggage key and a header name must be.
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

// RequestIDMember makes the member "request_id" that carries
// [alshttp.RequestIDStorage]'s request id, accepting only ids
// [alshttp.ValidID] accepts.
func RequestIDMember() Member {
	return Value("request_id", alshttp.RequestIDStorage(), StringCodec(alshttp.ValidID))
}
