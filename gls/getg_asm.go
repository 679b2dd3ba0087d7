//go:build amd64 || arm64

package gls

import "unsafe"

// getg returns the calling goroutine's runtime descriptor (*runtime.g),
// read from the g register as the runtime's own getg does. Descriptors
// are never freed, only reused for later goroutines, so keeping one is
// always safe to read.
func getg() unsafe.Pointer
