package alszap

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
)

// ErrInvalidField is wrapped by the panic of [Field], [FieldFunc] and
// [NewCore] given an empty key, a nil storage or a zero [Option].
var ErrInvalidField = errors.New("alszap: invalid field source")

// ErrNilHandler is wrapped by the panic of [NewCore] given a nil
// [zapcore.Core], zap's handler of entries. It is the ErrNilHandler of
// every contrib package.
var ErrNilHandler = errs.NilHandler

// Option chooses one field for [NewCore] to add. Make one with [Field] or
// [FieldFunc]; the zero Option chooses none and makes NewCore panic.
type Option struct {
	src source
}

// source yields one field for an entry logged in the current context, or
// false when the context has nothing to add.
type source func() (zapcore.Field, bool)

// Field adds key with s's store as its value (zap.Any) to every entry
// logged in a context where s has a store.
func Field[T any](key string, s *als.Storage[T]) Option {
	if key == "" || s == nil {
		panic(fmt.Errorf("%w: alszap.Field(%q, %v)", ErrInvalidField, key, s))
	}
	return Option{src: func() (zapcore.Field, bool) {
		v, ok := s.GetStore()
		if !ok {
			return zapcore.Field{}, false
		}
		return field(key, v), true
	}}
}

// FieldFunc adds key with fn's result as its value (zap.Any) to every
// entry, unless the result is T's zero value. fn runs in the goroutine
// that logs, so it can read stores, as in
// FieldFunc("route", alshttp.Pattern).
func FieldFunc[T comparable](key string, fn func() T) Option {
	if fn == nil {
		panic(errs.NilFuncTo("alszap.FieldFunc"))
	}
	if key == "" {
		panic(fmt.Errorf("%w: alszap.FieldFunc with an empty key", ErrInvalidField))
	}
	return Option{src: func() (zapcore.Field, bool) {
		v := fn()
		var zero T
		if v == zero {
			return zapcore.Field{}, false
		}
		return field(key, v), true
	}}
}

// field is zap.Any(key, v) without the heap allocation of boxing a plain
// v: a switch on concrete types only does not make its box escape.
func field[T any](key string, v T) zapcore.Field {
	switch x := any(v).(type) {
	case string:
		return zap.String(key, x)
	case int:
		return zap.Int(key, x)
	case int64:
		return zap.Int64(key, x)
	case int32:
		return zap.Int32(key, x)
	case uint:
		return zap.Uint(key, x)
	case uint64:
		return zap.Uint64(key, x)
	case uint32:
		return zap.Uint32(key, x)
	case bool:
		return zap.Bool(key, x)
	case float64:
		return zap.Float64(key, x)
	case time.Duration:
		return zap.Duration(key, x)
	case time.Time:
		return zap.Time(key, x)
	}
	return zap.Any(key, any(v))
}

// Core is a [zapcore.Core] that adds fields read from stores to every
// entry and hands the entry on to the core it wraps. Make one with
// [NewCore] or [WrapCore].
type Core struct {
	// The stores' fields must land at the top level, but a zap.Namespace
	// given to With nests every later field. So the core is kept in two
	// states, as alsslog keeps its handler: base has only the With calls
	// before the first namespace, and ops holds the With calls from it
	// on, replayed on top of the stores' fields. full is base with ops
	// applied, used when the stores add nothing.
	base    zapcore.Core
	full    zapcore.Core
	ops     [][]zapcore.Field
	sources []source
	// last is the most recent result of withStores, shared by the
	// goroutines that log through this Core.
	last *atomic.Pointer[derived]
}

var _ zapcore.Core = (*Core)(nil)

// NewCore returns a [Core] that writes through inner, adding to every
// entry the fields the options choose, in their order. It panics with an
// error wrapping [ErrNilHandler] when inner is nil: a Core is zap's
// handler of entries.
func NewCore(inner zapcore.Core, opts ...Option) *Core {
	if inner == nil {
		panic(errs.NilHandlerTo("alszap.NewCore"))
	}
	c := &Core{base: inner, full: inner, last: new(atomic.Pointer[derived])}
	for _, o := range opts {
		if o.src == nil {
			panic(fmt.Errorf("%w: zero Option", ErrInvalidField))
		}
		c.sources = append(c.sources, o.src)
	}
	return c
}

// WrapCore returns a [zap.Option] that wraps a Logger's core in a [Core]
// with opts, for [zap.New], [zap.NewProduction], [zap.Config.Build] or
// [zap.Logger.WithOptions].
func WrapCore(opts ...Option) zap.Option {
	return zap.WrapCore(func(inner zapcore.Core) zapcore.Core { return NewCore(inner, opts...) })
}

// Enabled reports whether the wrapped core logs entries at level.
func (c *Core) Enabled(level zapcore.Level) bool { return c.full.Enabled(level) }

// Level returns the minimum level the wrapped core logs, so that
// zapcore.LevelOf and Logger.Level need not probe every level.
func (c *Core) Level() zapcore.Level { return zapcore.LevelOf(c.full) }

// With returns a [Core] whose entries carry fields too, as the wrapped
// core's With does.
func (c *Core) With(fields []zapcore.Field) zapcore.Core {
	if len(fields) == 0 {
		return c
	}
	n := *c
	n.last = new(atomic.Pointer[derived])
	if len(c.ops) == 0 {
		// The fields before the first namespace still go to base.
		i := slices.IndexFunc(fields, isNamespace)
		if i < 0 {
			n.base = c.base.With(fields)
			n.full = n.base
			return &n
		}
		if i > 0 {
			n.base = c.base.With(fields[:i])
		}
		n.ops = [][]zapcore.Field{slices.Clone(fields[i:])}
		n.full = c.full.With(fields)
		return &n
	}
	n.ops = append(slices.Clip(c.ops), slices.Clone(fields))
	n.full = c.full.With(fields)
	return &n
}

func isNamespace(f zapcore.Field) bool { return f.Type == zapcore.NamespaceType }

// Check hands ent to the wrapped core's Check, with the stores' fields
// added through its With, so that the wrapped core's levels and sampling
// decide as usual and the fields reach whatever core it picks.
func (c *Core) Check(ent zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if !c.full.Enabled(ent.Level) {
		return ce // skip the stores for disabled levels
	}
	if out := c.withStores(); out != nil {
		return out.Check(ent, ce)
	}
	return c.full.Check(ent, ce)
}

// Write writes ent with the stores' fields through the wrapped core.
// Loggers never call it, as Check hands entries to the wrapped core
// directly; it is here for code that writes to a Core by hand.
func (c *Core) Write(ent zapcore.Entry, fields []zapcore.Field) error {
	if out := c.withStores(); out != nil {
		return out.Write(ent, fields)
	}
	return c.full.Write(ent, fields)
}

// Sync flushes the wrapped core.
func (c *Core) Sync() error { return c.full.Sync() }

// withStores returns the wrapped core with the stores' fields at its top
// level, or nil when no store has anything to add.
func (c *Core) withStores() zapcore.Core {
	var buf [4]zapcore.Field
	fields := buf[:0]
	for _, src := range c.sources {
		if f, ok := src(); ok {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	// With encodes the fields into a clone of the encoder, the bulk of
	// the cost, and successive entries usually come from one request: so
	// the last result is kept for fields of plain value types, whose
	// encoding cannot change while they stay equal.
	if last := c.last.Load(); last != nil && sameFields(last.fields, fields) {
		return last.core
	}
	owned := slices.Clone(fields)
	out := c.base.With(owned)
	for _, op := range c.ops {
		out = out.With(op)
	}
	if cacheable(owned) {
		c.last.Store(&derived{fields: owned, core: out})
	}
	return out
}

// derived is the wrapped core with the stores' fields of one context.
type derived struct {
	fields []zapcore.Field
	core   zapcore.Core
}

func sameFields(a, b []zapcore.Field) bool {
	return slices.EqualFunc(a, b, zapcore.Field.Equals)
}

// cacheable reports whether fields are all of types that Field.Equals
// compares by value: not marshalers, errors, reflected values or
// Stringers, which can encode differently while comparing equal.
func cacheable(fields []zapcore.Field) bool {
	for _, f := range fields {
		switch f.Type {
		case zapcore.StringType, zapcore.BoolType,
			zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type,
			zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType,
			zapcore.Float64Type, zapcore.Float32Type, zapcore.Complex128Type, zapcore.Complex64Type,
			zapcore.DurationType, zapcore.TimeType, zapcore.TimeFullType:
		default:
			return false
		}
	}
	return true
}
