package alspprof_test

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"

	"github.com/google/pprof/profile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alspprof"
	"github.com/go-als/als/internal/panics"
)

// goroutineLabels returns the pprof labels of the calling goroutine, as a
// goroutine profile records them. It tells its caller by the stack, so
// only one goroutine may be in it at a time.
//
//go:noinline
func goroutineLabels(t *testing.T) map[string][]string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, pprof.Lookup("goroutine").WriteTo(&buf, 0))
	p, err := profile.Parse(&buf)
	require.NoError(t, err)
	for _, s := range p.Sample {
		for _, loc := range s.Location {
			for _, line := range loc.Line {
				if strings.HasSuffix(line.Function.Name, "alspprof_test.goroutineLabels") {
					return s.Label
				}
			}
		}
	}
	t.Fatal("the calling goroutine is not in the goroutine profile")
	return nil
}

func TestDoNests(t *testing.T) {
	tenant := als.New[string]()
	route := als.New[string]()
	l := alspprof.New(alspprof.Label("tenant", tenant), alspprof.Label("route", route))

	assert.Empty(t, goroutineLabels(t))
	alspprof.Run(l, tenant, "acme", func() {
		assert.Equal(t, map[string][]string{"tenant": {"acme"}}, goroutineLabels(t))
		tenant.Run("globex", func() {
			alspprof.Run(l, route, "/x", func() {
				assert.Equal(t, map[string][]string{"tenant": {"globex"}, "route": {"/x"}}, goroutineLabels(t))
			})
		})
		assert.Equal(t, map[string][]string{"tenant": {"acme"}}, goroutineLabels(t))
		// A panic in an inner Do puts the outer labels back as well.
		func() {
			defer func() { assert.Equal(t, "boom", recover()) }()
			route.Run("/y", func() { l.Do(func() { panic("boom") }) })
		}()
		assert.Equal(t, map[string][]string{"tenant": {"acme"}}, goroutineLabels(t))
	})
	assert.Empty(t, goroutineLabels(t))

	ran := false
	l.Do(func() { ran = true; assert.Empty(t, goroutineLabels(t)) }) // no store: no label
	assert.True(t, ran)
}

// The runtime hands the labels to goroutines started inside Do, by
// als.Go or a go statement; a nested Do in an als.Go child builds on them.
func TestChildrenInheritLabels(t *testing.T) {
	tenant := als.New[string]()
	route := als.New[string]()
	l := alspprof.New(alspprof.Label("tenant", tenant), alspprof.Label("route", route))
	var wg sync.WaitGroup
	var alsChild, plainChild, nested map[string][]string
	// One child at a time: goroutineLabels finds its caller by the stack,
	// which two goroutines inside it at once would share.
	alspprof.Run(l, tenant, "acme", func() {
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			alsChild = goroutineLabels(t)
			route.Run("/x", func() { l.Do(func() { nested = goroutineLabels(t) }) })
		})
		wg.Wait()
		wg.Add(1)
		go func() { //als:ignore the plain go statement whose labels the runtime copies
			defer wg.Done()
			plainChild = goroutineLabels(t)
		}()
		wg.Wait()
	})
	acme := map[string][]string{"tenant": {"acme"}}
	assert.Equal(t, acme, alsChild)
	assert.Equal(t, acme, plainChild)
	assert.Equal(t, map[string][]string{"tenant": {"acme"}, "route": {"/x"}}, nested)
}

type money int

func (m money) String() string { return fmt.Sprintf("$%d", int(m)) }

func TestLabelValues(t *testing.T) {
	tests := []struct {
		name string
		src  source
		want string
	}{
		{"string", labelOf("s"), "s"},
		{"int", labelOf(-3), "-3"},
		{"int64", labelOf(int64(1) << 40), "1099511627776"},
		{"uint64", labelOf(uint64(7)), "7"},
		{"bool", labelOf(true), "true"},
		{"stringer", labelOf(money(5)), "$5"},
		{"struct", labelOf(struct{ A, B int }{1, 2}), "{1 2}"},
		{"func", source{alspprof.LabelFunc("v", func() string { return "f" }), func(fn func()) { fn() }}, "f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got map[string][]string
			l := alspprof.New(tt.src.opt)
			tt.src.run(func() { l.Do(func() { got = goroutineLabels(t) }) })
			assert.Equal(t, map[string][]string{"v": {tt.want}}, got)
		})
	}
}

// source is a label under key "v" and a function that runs fn where its
// storage has a store.
type source struct {
	opt alspprof.Option
	run func(fn func())
}

func labelOf[T any](v T) source {
	s := als.New[T]()
	return source{alspprof.Label("v", s), func(fn func()) { s.Run(v, fn) }}
}

func TestEmptyLabelFuncAddsNothing(t *testing.T) {
	l := alspprof.New(alspprof.LabelFunc("route", func() string { return "" }))
	l.Do(func() { assert.Empty(t, goroutineLabels(t)) })
}

func TestBadArgumentsPanic(t *testing.T) {
	l := alspprof.New()
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"empty key", func() { alspprof.Label("", als.New[int]()) }, alspprof.ErrInvalidLabel},
		{"nil storage", func() { alspprof.Label[int]("k", nil) }, alspprof.ErrInvalidLabel},
		{"nil func", func() { alspprof.LabelFunc("k", nil) }, als.ErrNilFunc},
		{"func empty key", func() { alspprof.LabelFunc("", func() string { return "" }) }, alspprof.ErrInvalidLabel},
		{"zero option", func() { alspprof.New(alspprof.Option{}) }, alspprof.ErrInvalidLabel},
		{"key twice", func() {
			alspprof.New(alspprof.Label("k", als.New[int]()), alspprof.LabelFunc("k", func() string { return "" }))
		}, alspprof.ErrInvalidLabel},
		{"nil handler", func() { l.Middleware(nil) }, alspprof.ErrNilHandler},
		{"nil Do", func() { l.Do(nil) }, als.ErrNilFunc},
		{"nil Run", func() { alspprof.Run(l, als.New[int](), 1, nil) }, als.ErrNilFunc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

var _ http.Handler = alspprof.New().Middleware(http.NotFoundHandler())
