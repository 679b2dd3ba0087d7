package alsslog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
)

// ErrInvalidAttr is wrapped by the panic of Attr and AttrFunc given an
// empty key or a nil storage.
var ErrInvalidAttr = errors.New("alsslog: invalid attribute source")

// Option chooses one attribute for NewHandler to add. Make one with Attr
// or AttrFunc.
type Option struct {
	src source
}

// source yields one attribute for a record logged with ctx, or false when
// the context it reads has nothing to add.
type source func(ctx context.Context) (slog.Attr, bool)

// Attr adds key with s's store as its value to every record logged in a
// context where s has a store.
func Attr[T any](key string, s *als.Storage[T]) Option {
	if key == "" || s == nil {
		panic(fmt.Errorf("%w: alsslog.Attr(%q, %v)", ErrInvalidAttr, key, s))
	}
	return Option{src: func(ctx context.Context) (slog.Attr, bool) {
		v, ok := s.FromContext(ctx)
		if !ok {
			return slog.Attr{}, false
		}
		return slog.Any(key, v), true
	}}
}

// AttrFunc adds key with fn's result as its value to every record, unless
// the result is T's zero value. fn runs in the context the record is
// logged in, so it can read stores, as in
// AttrFunc("route", alshttp.Pattern).
func AttrFunc[T comparable](key string, fn func() T) Option {
	if fn == nil {
		panic(errs.Nil("alsslog.AttrFunc"))
	}
	if key == "" {
		panic(fmt.Errorf("%w: alsslog.AttrFunc with an empty key", ErrInvalidAttr))
	}
	return Option{src: func(ctx context.Context) (slog.Attr, bool) {
		var v T
		als.RunContext(ctx, func() { v = fn() })
		var zero T
		if v == zero {
			return slog.Attr{}, false
		}
		return slog.Any(key, v), true
	}}
}

// Handler is a slog.Handler that adds attributes read from stores to every
// record and hands it on to the handler it wraps. Make one with
// NewHandler.
type Handler struct {
	// Attributes from stores must land at the top level, but the wrapped
	// handler nests every attribute inside the groups it was given. So
	// the handler is kept in two states: base has only what came before
	// the first WithGroup, and ops records the WithGroup and WithAttrs
	// calls after it, to be replayed on top of the stores' attributes.
	// full is base with ops applied, used when stores add nothing.
	base    slog.Handler
	full    slog.Handler
	ops     []op
	sources []source
}

// op is one WithGroup (group != "") or WithAttrs call made after a group
// was opened.
type op struct {
	group string
	attrs []slog.Attr
}

// NewHandler returns a Handler that writes through inner, adding to every
// record the attributes the options choose, in their order.
func NewHandler(inner slog.Handler, opts ...Option) *Handler {
	if inner == nil {
		panic(fmt.Errorf("%w: nil inner slog.Handler", ErrInvalidAttr))
	}
	h := &Handler{base: inner, full: inner}
	for _, o := range opts {
		if o.src == nil {
			panic(fmt.Errorf("%w: zero Option", ErrInvalidAttr))
		}
		h.sources = append(h.sources, o.src)
	}
	return h
}

// Enabled reports whether the wrapped handler handles records at level.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.full.Enabled(ctx, level)
}

// Handle adds the stores' attributes at the top level of r and passes it
// to the wrapped handler.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var attrs []slog.Attr // allocated only when a store has something
	for _, src := range h.sources {
		if a, ok := src(ctx); ok {
			attrs = append(attrs, a)
		}
	}
	if len(attrs) == 0 {
		return h.full.Handle(ctx, r)
	}
	if len(h.ops) == 0 {
		// No group is open: the record's own level is the top level.
		r = r.Clone() // the caller's Record may share its attribute storage
		r.AddAttrs(attrs...)
		return h.full.Handle(ctx, r)
	}
	out := h.base.WithAttrs(attrs)
	for _, o := range h.ops {
		if o.group != "" {
			out = out.WithGroup(o.group)
		} else {
			out = out.WithAttrs(o.attrs)
		}
	}
	return out.Handle(ctx, r)
}

// WithAttrs returns a Handler whose records carry attrs too, inside the
// groups opened so far, as the wrapped handler's WithAttrs does.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	c := *h
	if len(h.ops) == 0 {
		c.base = h.base.WithAttrs(attrs)
		c.full = c.base
		return &c
	}
	c.ops = append(slices.Clip(h.ops), op{attrs: slices.Clone(attrs)})
	c.full = h.full.WithAttrs(attrs)
	return &c
}

// WithGroup returns a Handler that nests the record's attributes, and
// those of later WithAttrs calls, in the group name. The stores'
// attributes stay at the top level.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	c := *h
	c.ops = append(slices.Clip(h.ops), op{group: name})
	c.full = h.full.WithGroup(name)
	return &c
}
