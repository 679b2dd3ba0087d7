package alspprof

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/pprof"
	"strconv"

	"github.com/go-als/als"
	"github.com/go-als/als/internal/errs"
)

// ErrInvalidLabel is wrapped by the panic of [Label], [LabelFunc] and
// [New] given an empty key, a nil storage, a zero [Option] or the same key
// twice.
var ErrInvalidLabel = errors.New("alspprof: invalid label source")

// ErrNilHandler is wrapped by the panic of [Labeler.Middleware] given a
// nil [http.Handler]. It is the ErrNilHandler of every contrib package.
var ErrNilHandler = errs.NilHandler

// Option chooses one label for [New] to set. Make one with [Label] or
// [LabelFunc]; the zero Option chooses none and makes New panic.
type Option struct {
	key string
	src func() (string, bool)
}

// Label sets the label key to s's store in the current context, when s has
// one. Strings are used as they are, fmt.Stringers through String,
// integers and bools as strconv formats them, anything else as fmt.Sprint
// formats it.
func Label[T any](key string, s *als.Storage[T]) Option {
	if key == "" || s == nil {
		panic(fmt.Errorf("%w: alspprof.Label(%q, %v)", ErrInvalidLabel, key, s))
	}
	return Option{key: key, src: func() (string, bool) {
		v, ok := s.GetStore()
		if !ok {
			return "", false
		}
		return format(v), true
	}}
}

// LabelFunc sets the label key to fn's result, unless it is "". fn runs
// in the goroutine that calls [Labeler.Do], so it can read stores, as in
// LabelFunc("route", alshttp.Pattern).
func LabelFunc(key string, fn func() string) Option {
	if fn == nil {
		panic(errs.NilFuncTo("alspprof.LabelFunc"))
	}
	if key == "" {
		panic(fmt.Errorf("%w: alspprof.LabelFunc with an empty key", ErrInvalidLabel))
	}
	return Option{key: key, src: func() (string, bool) {
		v := fn()
		return v, v != ""
	}}
}

func format[T any](v T) string {
	switch x := any(v).(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	if s, ok := any(v).(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v)
}

// Labeler sets pprof labels from stores. Make one with [New]; it is safe
// for concurrent use.
type Labeler struct {
	opts []Option
}

// New returns a [Labeler] that sets the labels the options choose. It
// panics with an error wrapping [ErrInvalidLabel] on a zero [Option] or a
// key chosen twice.
func New(opts ...Option) *Labeler {
	seen := make(map[string]bool, len(opts))
	for _, o := range opts {
		if o.src == nil {
			panic(fmt.Errorf("%w: zero Option", ErrInvalidLabel))
		}
		if seen[o.key] {
			panic(fmt.Errorf("%w: label %q chosen twice", ErrInvalidLabel, o.key))
		}
		seen[o.key] = true
	}
	return &Labeler{opts: opts}
}

// labels holds the context whose labels the goroutine runs with, as the
// innermost Do set them, so that a nested Do can add to them and put them
// back. A store, so that als.Go children, which the runtime gives the
// same labels, know them too.
var labels = als.New[context.Context]()

// Do calls fn with the current stores as pprof labels of the calling
// goroutine, added to those of an enclosing Do, and puts the enclosing
// labels back when fn returns or panics.
func (l *Labeler) Do(fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("alspprof.Labeler.Do"))
	}
	var kv []string
	for _, o := range l.opts {
		if v, ok := o.src(); ok {
			kv = append(kv, o.key, v)
		}
	}
	if len(kv) == 0 {
		fn()
		return
	}
	outer, ok := labels.GetStore()
	if !ok || outer == nil {
		outer = context.Background()
	}
	ctx := pprof.WithLabels(outer, pprof.Labels(kv...))
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(outer)
	labels.Run(ctx, fn)
}

// Middleware returns a handler that serves each request with next inside
// [Labeler.Do]. It panics with an error wrapping [ErrNilHandler] when next
// is nil. Put it inside alshttp.Middleware, or whatever sets the stores, so
// that they are set when the labels are read. It does not replace the
// request, so alshttp.Pattern still sees the ServeMux's pattern; the
// pattern is known only after routing, so to label by route, wrap the
// handlers the mux calls rather than the mux.
func (l *Labeler) Middleware(next http.Handler) http.Handler {
	if next == nil {
		panic(errs.NilHandlerTo("alspprof.Labeler.Middleware"))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.Do(func() { next.ServeHTTP(w, r) })
	})
}

// Run calls [als.Storage.Run](store, fn) on s with l's labels set inside
// it: the labels hold exactly while Run is in effect.
func Run[T any](l *Labeler, s *als.Storage[T], store T, fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("alspprof.Run"))
	}
	s.Run(store, func() { l.Do(fn) })
}
