package als

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
)

// ErrNilContext is wrapped by the panic of WithContext, RunContext and
// Storage.FromContext when given a nil context.Context, the same
// programmer error the context package panics on.
var ErrNilContext = errors.New("als: nil context.Context")

// frameKey is the context.Context key under which WithContext puts the
// frame. A struct type of its own cannot collide with anyone else's key.
type frameKey struct{}

// WithContext returns a copy of ctx that carries the context current now:
// every storage's store, as Snapshot would capture it. Hand the result to
// APIs that pass only a ctx along (database/sql, gRPC, anything that calls
// you back) and get the stores back on the other side with RunContext or
// Storage.FromContext. It costs one pointer capture and one
// context.WithValue.
func WithContext(ctx context.Context) context.Context {
	if ctx == nil {
		panic(fmt.Errorf("%w passed to als.WithContext", ErrNilContext))
	}
	return context.WithValue(ctx, frameKey{}, gls.Current())
}

// contextFrame returns the frame ctx carries, and whether it carries one.
// A ctx made by WithContext outside any context carries the empty frame,
// which is a frame all the same.
func contextFrame(ctx context.Context) (*gls.Frame, bool) {
	f, ok := ctx.Value(frameKey{}).(*gls.Frame)
	return f, ok
}

// RunContext calls fn in the context that ctx carries, the one current
// where WithContext made ctx or one of its parents, and then restores the
// caller's context. It is the other half of WithContext, as the function
// Snapshot returns is the other half of Snapshot.
//
// When ctx carries no context (it never passed through WithContext, like
// context.Background() or a server's base context), fn runs in the
// caller's current context, unchanged: a ctx that knows nothing about als
// must not wipe the stores a goroutine legitimately holds. A ctx made by
// WithContext outside any context does carry one, the empty one, and
// then fn runs with no store.
func RunContext(ctx context.Context, fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("als.RunContext"))
	}
	if ctx == nil {
		panic(fmt.Errorf("%w passed to als.RunContext", ErrNilContext))
	}
	f, ok := contextFrame(ctx)
	if !ok {
		fn()
		return
	}
	runIn(f, fn)
}

// FromContext returns what GetStore would return inside
// RunContext(ctx, ...), without entering the context: the store in the
// context ctx carries, or, when ctx carries none, the store of the
// caller's current context. A log handler or an interceptor that is given
// a ctx uses it to read a store cheaply.
func (s *Storage[T]) FromContext(ctx context.Context) (T, bool) {
	if ctx == nil {
		panic(fmt.Errorf("%w passed to Storage.FromContext", ErrNilContext))
	}
	f, ok := contextFrame(ctx)
	if !ok {
		return s.GetStore()
	}
	if v, ok := f.Get(s.key.Load()); ok {
		return unpack[T](s.lay, v), true
	}
	return s.def, false
}
