// Package panics lets tests check the panics that programmer errors
// cause, the same way in every package.
package panics

// Recover calls fn and returns the value it panicked with, or nil when it
// returned normally.
func Recover(fn func()) (v any) {
	defer func() { v = recover() }()
	fn()
	return nil
}
