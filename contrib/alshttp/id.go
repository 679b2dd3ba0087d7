package alshttp

import (
	"crypto/rand"
	"encoding/hex"
)

// RequestIDHeader is the HTTP header that carries the request id, both
// ways: [Middleware] reads it from requests and sets it on responses,
// [Transport] sets it on outgoing requests.
const RequestIDHeader = "X-Request-Id"

// MaxIDLen is the longest request id accepted from a client, in bytes.
const MaxIDLen = 128

// ValidID reports whether id is acceptable as a request id from outside:
// 1 to [MaxIDLen] bytes, each a visible ASCII character (no space, no
// control character, nothing beyond ASCII). Anything else could forge log
// lines or headers when echoed, so [Middleware] replaces it.
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > MaxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// NewID returns a fresh random request id: 32 lowercase hex digits, 128
// bits from crypto/rand, so ids from many servers never collide.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails since Go 1.24; it crashes instead
	return hex.EncodeToString(b[:])
}
