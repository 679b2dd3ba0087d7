package alsprop

import (
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// ErrRejected is wrapped by the errors of the codecs here for a value
// they refuse to decode.
var ErrRejected = errors.New("alsprop: value rejected")

// Codec turns a store into a string and back. Decode sees values from
// other processes: it must reject whatever it does not accept, and its
// error drops the member. [StringCodec] and [IntCodec] make the usual
// ones.
type Codec[T any] struct {
	// Encode returns the wire value for a store; an error leaves the
	// member out of the outgoing message.
	Encode func(T) (string, error)
	// Decode returns the store for a received value, already
	// percent-decoded; an error drops the member.
	Decode func(string) (T, error)
}

// StringCodec is the identity codec. Decode rejects any value that is not
// UTF-8 or holds a control character (C0, DEL or C1, so CR, LF, NUL and
// tab), which a store could carry into a log line or a header; a non-nil
// valid rejects the values for which it is false on top of that. A
// service that needs such values writes a [Codec] of its own.
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
