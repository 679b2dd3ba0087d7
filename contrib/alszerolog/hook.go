package alszerolog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
)

// ErrInvalidField is wrapped by the panic of [Field], [FieldFunc] and
// [NewHook] given an empty key, a nil storage or a zero [Option].
var ErrInvalidField = errors.New("alszerolog: invalid field source")

// Option chooses one field for [NewHook] to add. Make one with [Field] or
// [FieldFunc]; the zero Option chooses none and makes NewHook panic.
type Option struct {
	src source
}

// source adds one field to e, read in the context ctx carries (or the
// goroutine's, when ctx carries none), when that context has a value.
type source func(ctx context.Context, e *zerolog.Event)

// Field adds key with s's store as its value to every event sent in a
// context where s has a store. Strings, integers, floats, bools,
// durations, times, zerolog.LogObjectMarshalers, errors and fmt.Stringers get
// zerolog's typed encoders; other values are logged as zerolog's
// Interface logs them.
func Field[T any](key string, s *als.Storage[T]) Option {
	if key == "" || s == nil {
		panic(fmt.Errorf("%w: alszerolog.Field(%q, %v)", ErrInvalidField, key, s))
	}
	return Option{src: func(ctx context.Context, e *zerolog.Event) {
		if v, ok := s.FromContext(ctx); ok {
			add(e, key, v)
		}
	}}
}

// FieldFunc adds key with fn's result as its value to every event, unless
// the result is T's zero value. fn runs in the context the event is sent
// in, so it can read stores, as in FieldFunc("route", alshttp.Pattern).
func FieldFunc[T comparable](key string, fn func() T) Option {
	if fn == nil {
		panic(errs.NilFuncTo("alszerolog.FieldFunc"))
	}
	if key == "" {
		panic(fmt.Errorf("%w: alszerolog.FieldFunc with an empty key", ErrInvalidField))
	}
	return Option{src: func(ctx context.Context, e *zerolog.Event) {
		var v T
		als.RunContext(ctx, func() { v = fn() })
		var zero T
		if v != zero {
			add(e, key, v)
		}
	}}
}

// add appends v with zerolog's typed encoder for its type. The first
// switch has only concrete types, so its box of v does not escape and
// plain values cost no allocation; the second boxes v again to find the
// interfaces it implements.
func add[T any](e *zerolog.Event, key string, v T) {
	switch x := any(v).(type) {
	case string:
		e.Str(key, x)
		return
	case int:
		e.Int(key, x)
		return
	case int64:
		e.Int64(key, x)
		return
	case int32:
		e.Int32(key, x)
		return
	case uint:
		e.Uint(key, x)
		return
	case uint64:
		e.Uint64(key, x)
		return
	case uint32:
		e.Uint32(key, x)
		return
	case bool:
		e.Bool(key, x)
		return
	case float64:
		e.Float64(key, x)
		return
	case time.Duration:
		e.Dur(key, x)
		return
	case time.Time:
		e.Time(key, x)
		return
	}
	switch x := any(v).(type) {
	case zerolog.LogObjectMarshaler:
		e.Object(key, x)
	case error:
		e.AnErr(key, x)
	case fmt.Stringer:
		e.Stringer(key, x)
	default:
		e.Interface(key, x)
	}
}

// Hook is a [zerolog.Hook] that adds fields read from stores to every
// event it runs for. Make one with [NewHook] and install it with
// [zerolog.Logger.Hook].
type Hook struct {
	sources []source
}

var _ zerolog.Hook = (*Hook)(nil)

// NewHook returns a [Hook] that adds to every event the fields the options
// choose, in their order.
func NewHook(opts ...Option) *Hook {
	h := &Hook{}
	for _, o := range opts {
		if o.src == nil {
			panic(fmt.Errorf("%w: zero Option", ErrInvalidField))
		}
		h.sources = append(h.sources, o.src)
	}
	return h
}

// Run adds the stores' fields to e. zerolog calls it when e is sent, after
// the event's own fields and before the message.
func (h *Hook) Run(e *zerolog.Event, _ zerolog.Level, _ string) {
	ctx := e.GetCtx()
	for _, src := range h.sources {
		src(ctx, e)
	}
}
