// Package panics lets tests check the panics that programmer errors
// cause, the same way in every package.
package panics

import "testing"

// Error calls fn, which must panic with an error, and returns that error
// for the caller to match with errors.Is. It fails t when fn returns
// normally or panics with a value that is not an error.
func Error(t testing.TB, fn func()) error {
	t.Helper()
	v := recovered(fn)
	err, ok := v.(error)
	if !ok {
		t.Errorf("want a panic with an error value, got %#v", v)
	}
	return err
}

func recovered(fn func()) (v any) {
	defer func() { v = recover() }()
	fn()
	return nil
}
