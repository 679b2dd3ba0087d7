// Package stacks dumps every goroutine's stack, the one way the als
// packages learn which goroutines exist when they have no runtime
// descriptor to read. runtime.Stack with all set stops the world while
// it formats, so callers keep it off hot paths.
package stacks

import "runtime"

// All returns runtime.Stack(buf, true) in a buffer grown until the whole
// dump fits. The caller's own stack comes first.
func All() []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}
