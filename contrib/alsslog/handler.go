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

// ErrInvalidAttr is wrapped by the panic of [Attr] and [AttrFunc] given
// an empty key or a nil storage, and of [NewHandler] given a zero
// [Option].
var ErrInvalidAttr = errors.New("alsslog: invalid attribute source")

// ErrNilHandler is wrapped by the panic of [NewHandler] given a nil
// [slog.Handler]. It is the ErrNilHandler of every contrib package.
var ErrNilHandler = errs.NilHandler

// Option chooses one attribute for [NewHandler] to add. Make one with
// [Attr] or [AttrFunc]; the zero Option chooses none and makes NewHandler
// panic.
type Option struct {
	src source
}

// source yields one attribute for a record logged with ctx, or false when
// the context it reads has nothing to add.
type source func(ctx context.Context) (slog.Attr, bool)

// Attr adds key with s's store as its value to every record logged in a
// context where s has a store. It panics with an error wrapping
// [ErrInvalidAttr] when key is empty or s is nil.
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
// AttrFunc("route", alshttp.Pattern). It panics with an error wrapping
// [als.ErrNilFunc] when fn is nil, or [ErrInvalidAttr] when key is empty.
func AttrFunc[T comparable](key string, fn func() T) Option {
	if fn == nil {
		panic(errs.NilFuncTo("alsslog.AttrFunc"))
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

// Handler is a [slog.Handler] that adds attributes read from stores to
// every record and hands it on to the handler it wraps. Make one with
// [NewHandler].
type Handler struct {
	// Attributes from stores must land at the top level, but the wrapped
	// handler nests every attribute inside the groups it was given. So
	// full is the wrapped handler with every WithAttrs and WithGroup
	// applied, for records to which the stores add nothing, while base
	// has only what came before the first WithGroup, and groups keeps
	// the groups opened since with the attributes given inside each. A
	// record with stores goes to base with the stores' attributes first
	// and its own inside groups, built as Group attributes: the handlers
	// for both cases are made once, in WithAttrs and WithGroup, not per
	// record.
	base    slog.Handler
	full    slog.Handler
	groups  []group
	sources []source
}

// group is one WithGroup call and the attributes of the WithAttrs calls
// made inside it (before the next WithGroup).
type group struct {
	name  string
	attrs []slog.Attr
}

// NewHandler returns a [Handler] that writes through inner, adding to
// every record the attributes the options choose, in their order. It
// panics with an error wrapping [ErrNilHandler] when inner is nil.
func NewHandler(inner slog.Handler, opts ...Option) *Handler {
	if inner == nil {
		panic(errs.NilHandlerTo("alsslog.NewHandler"))
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
	if len(h.groups) == 0 {
		// No group is open: the record's own level is the top level.
		r = r.Clone() // the caller's Record may share its attribute storage
		r.AddAttrs(attrs...)
		return h.full.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	out.AddAttrs(attrs...)
	if g, ok := h.nest(r); ok {
		out.AddAttrs(g)
	}
	return h.base.Handle(ctx, out)
}

// nest returns r's attributes inside the open groups, each group led by
// the attributes given to WithAttrs inside it, as one Group attribute for
// base; false when there is nothing to put in any group. Every level
// shares one slice, so a record costs one allocation however deep.
func (h *Handler) nest(r slog.Record) (slog.Attr, bool) {
	n := r.NumAttrs()
	for _, g := range h.groups {
		n += len(g.attrs) + 1
	}
	buf := make([]slog.Attr, 0, n)
	last := h.groups[len(h.groups)-1]
	buf = append(buf, last.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		buf = append(buf, a)
		return true
	})
	in := buf // the innermost group's contents
	for i := len(h.groups) - 2; i >= 0; i-- {
		start := len(buf)
		buf = append(buf, h.groups[i].attrs...)
		if len(in) > 0 {
			buf = append(buf, slog.Attr{Key: h.groups[i+1].name, Value: slog.GroupValue(in...)})
		}
		in = buf[start:]
	}
	if len(in) == 0 {
		return slog.Attr{}, false
	}
	return slog.Attr{Key: h.groups[0].name, Value: slog.GroupValue(in...)}, true
}

// WithAttrs returns a [Handler] whose records carry attrs too, inside the
// groups opened so far, as the wrapped handler's WithAttrs does.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	c := *h
	c.full = h.full.WithAttrs(attrs)
	if len(h.groups) == 0 {
		c.base = c.full
		return &c
	}
	// Resolved now, as the wrapped handler resolves what WithAttrs gets,
	// not once per record.
	resolved := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		resolved[i] = slog.Attr{Key: a.Key, Value: a.Value.Resolve()}
	}
	c.groups = slices.Clone(h.groups)
	in := &c.groups[len(c.groups)-1]
	in.attrs = append(slices.Clip(in.attrs), resolved...)
	return &c
}

// WithGroup returns a [Handler] that nests the record's attributes, and
// those of later WithAttrs calls, in the group name. The stores'
// attributes stay at the top level.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	c := *h
	c.groups = append(slices.Clip(h.groups), group{name: name})
	c.full = h.full.WithGroup(name)
	return &c
}
