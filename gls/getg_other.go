//go:build !amd64 && !arm64

package gls

import "unsafe"

// getg is unavailable on this architecture: the reclaimer falls back to
// runtime.Stack (see liveness.go).
func getg() unsafe.Pointer { return nil }
