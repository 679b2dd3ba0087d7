// Package stacks dumps every goroutine's stack and reads the dump: the
// one way the als packages learn which goroutines exist when they have no
// runtime descriptor to read. runtime.Stack with all set stops the world
// while it formats, so callers keep it off hot paths.
package stacks

import (
	"bytes"
	"iter"
	"runtime"
	"strconv"
)

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

// Each yields the id and the stack of every goroutine in dump, a
// runtime.Stack traceback, in the order the dump lists them. Each stack
// starts at its header line and aliases dump.
func Each(dump []byte) iter.Seq2[int64, []byte] {
	return func(yield func(int64, []byte) bool) {
		for len(dump) > 0 {
			stack := dump
			if i := bytes.Index(dump, []byte("\n\n")); i >= 0 {
				stack, dump = dump[:i], dump[i+2:]
			} else {
				dump = nil
			}
			if id, ok := ID(stack); ok && !yield(id, stack) {
				return
			}
		}
	}
}

// ID returns the goroutine id in the header that starts a goroutine's
// stack in a traceback, "goroutine 41 [running]:", or false when stack
// does not start with such a header.
func ID[S ~string | ~[]byte](stack S) (int64, bool) {
	const prefix = "goroutine "
	if len(stack) < len(prefix) || string(stack[:len(prefix)]) != prefix {
		return 0, false
	}
	rest := stack[len(prefix):]
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	if n == 0 || n < len(rest) && rest[n] != ' ' {
		return 0, false
	}
	id, err := strconv.ParseInt(string(rest[:n]), 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}
