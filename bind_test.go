package als_test

import (
	"errors"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/panics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// boundForms binds body with each bound form and returns a func() that
// calls the result, checking that the value (error, argument) passes
// through.
var boundForms = []struct {
	name string
	bind func(t *testing.T, body func()) func()
}{
	{"Bind", func(t *testing.T, body func()) func() {
		return als.Bind(body)
	}},
	{"BindErr", func(t *testing.T, body func()) func() {
		errBody := errors.New("from the body")
		bound := als.BindErr(func() error { body(); return errBody })
		return func() { assert.Same(t, errBody, bound()) }
	}},
	{"BindArg", func(t *testing.T, body func()) func() {
		type arg struct{ n int }
		want := &arg{7}
		bound := als.BindArg(func(a *arg) { assert.Same(t, want, a); body() })
		return func() { bound(want) }
	}},
}

// TestBoundForms: every bound form runs its function in the context
// captured when it was bound, from the caller's goroutine and from
// another, and leaves the caller's context as it was, after a return and
// after a panic.
func TestBoundForms(t *testing.T) {
	s := als.New[string]()
	for _, tt := range boundForms {
		t.Run(tt.name, func(t *testing.T) {
			var seen []string
			var boom bool
			var bound func()
			s.Run("captured", func() {
				bound = tt.bind(t, func() {
					v, _ := s.GetStore()
					seen = append(seen, v)
					s.EnterWith("inside") // must not leak to the caller
					if boom {
						panic("boom")
					}
				})
			})
			s.Run("caller", func() {
				bound()
				v, _ := s.GetStore()
				assert.Equal(t, "caller", v, "the caller's context is restored")

				boom = true
				assert.PanicsWithValue(t, "boom", bound)
				v, _ = s.GetStore()
				assert.Equal(t, "caller", v, "restored after a panic")
				boom = false
			})
			done := make(chan struct{})
			go func() { //als:ignore the goroutine starts with no context on purpose
				defer close(done)
				bound()
				_, ok := s.GetStore()
				assert.False(t, ok, "nothing leaks into the other goroutine")
			}()
			<-done
			require.Equal(t, []string{"captured", "captured", "captured"}, seen)
		})
	}
}

func TestBoundFormsPanicOnNil(t *testing.T) {
	for name, bind := range map[string]func(){
		"BindErr": func() { als.BindErr(nil) },
		"BindArg": func() { als.BindArg[int](nil) },
	} {
		err := panics.Error(t, bind)
		assert.ErrorIs(t, err, als.ErrNilFunc, name)
		assert.ErrorContains(t, err, "als."+name, name)
	}
}
