package als_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/internal/panics"
)

func TestRunContext(t *testing.T) {
	s := als.New[string](als.WithDefault("none"))
	// other is set by the caller only: a ctx that carries a context
	// replaces the caller's whole context, so other is hidden inside
	// RunContext then, and back after it.
	other := als.New[int]()
	tests := []struct {
		name    string
		ctx     func() context.Context // built outside the caller's context
		caller  string                 // "" runs the check outside any context
		want    string
		wantOK  bool
		carries bool // ctx carries a context of its own
	}{
		{"carried store wins over caller's", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			return ctx
		}, "caller", "carried", true, true},
		{"carried store reaches a caller with none", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			return ctx
		}, "", "carried", true, true},
		{"empty carried context hides caller's store", func() context.Context {
			return als.WithContext(context.Background())
		}, "caller", "none", false, true},
		{"plain ctx keeps caller's store", func() context.Context {
			return context.Background()
		}, "caller", "caller", true, false},
		{"plain ctx outside any context", func() context.Context {
			return context.Background()
		}, "", "none", false, false},
		{"derived ctx still carries", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			ctx, cancel := context.WithTimeout(ctx, time.Hour)
			t.Cleanup(cancel)
			return context.WithValue(ctx, ctxKey(9), "x")
		}, "caller", "carried", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer alstest.VerifyNone(t)
			ctx := tt.ctx()
			check := func() {
				var got string
				var ok, otherOK bool
				als.RunContext(ctx, func() {
					got, ok = s.GetStore()
					_, otherOK = other.GetStore()
				})
				assert.Equal(t, tt.want, got, "RunContext")
				assert.Equal(t, tt.wantOK, ok, "RunContext")
				assert.Equal(t, tt.caller != "" && !tt.carries, otherOK, "the caller's other storage inside RunContext")
				got, ok = s.FromContext(ctx)
				assert.Equal(t, tt.want, got, "FromContext")
				assert.Equal(t, tt.wantOK, ok, "FromContext")
			}
			if tt.caller == "" {
				check()
			} else {
				other.Run(7, func() {
					s.Run(tt.caller, func() {
						check()
						v, _ := s.GetStore()
						assert.Equal(t, tt.caller, v, "caller's store restored")
						n, _ := other.GetStore()
						assert.Equal(t, 7, n, "caller's other storage restored")
					})
				})
			}
		})
	}
}

func TestRunContextCarriesEveryStorage(t *testing.T) {
	a, b := als.New[string](), als.New[int]()
	var ctx context.Context
	a.Run("a", func() {
		b.Run(2, func() { ctx = als.WithContext(context.Background()) })
	})
	done := make(chan struct{})
	go func() { //als:ignore a plain goroutine has no context; ctx brings it
		defer close(done)
		als.RunContext(ctx, func() {
			va, _ := a.GetStore()
			vb, _ := b.GetStore()
			assert.Equal(t, "a", va)
			assert.Equal(t, 2, vb)
		})
		_, ok := a.GetStore()
		assert.False(t, ok, "nothing left behind in the goroutine")
	}()
	<-done
}

func TestFromContextAfterDisable(t *testing.T) {
	s := als.New[int]()
	var ctx context.Context
	s.Run(1, func() { ctx = als.WithContext(context.Background()) })
	s.Disable()
	_, ok := s.FromContext(ctx)
	assert.False(t, ok)
	als.RunContext(ctx, func() {
		_, ok := s.GetStore()
		assert.False(t, ok)
	})
}

func TestRunContextPanicRestores(t *testing.T) {
	s := als.New[string]()
	var ctx context.Context
	s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
	defer alstest.VerifyNone(t)
	s.Run("caller", func() {
		boom := errors.New("boom")
		func() {
			defer func() { assert.Equal(t, boom, recover()) }()
			als.RunContext(ctx, func() { panic(boom) })
		}()
		v, _ := s.GetStore()
		assert.Equal(t, "caller", v)
	})
}

func TestContextProgrammerErrors(t *testing.T) {
	s := als.New[int]()
	var nilCtx context.Context
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"RunContext nil fn", func() { als.RunContext(context.Background(), nil) }, als.ErrNilFunc},
		{"RunContext nil ctx", func() { als.RunContext(nilCtx, func() {}) }, als.ErrNilContext},
		{"WithContext nil ctx", func() { als.WithContext(nilCtx) }, als.ErrNilContext},
		{"FromContext nil ctx", func() { s.FromContext(nilCtx) }, als.ErrNilContext},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

func BenchmarkFromContext(b *testing.B) {
	s := als.New[int]()
	var ctx context.Context
	s.Run(1, func() { ctx = als.WithContext(context.Background()) })
	b.ReportAllocs()
	for b.Loop() {
		if v, _ := s.FromContext(ctx); v != 1 {
			b.Fatal("lost store")
		}
	}
}

func BenchmarkRunContext(b *testing.B) {
	s := als.New[int]()
	var ctx context.Context
	s.Run(1, func() { ctx = als.WithContext(context.Background()) })
	fn := func() {}
	b.ReportAllocs()
	for b.Loop() {
		als.RunContext(ctx, fn)
	}
}
