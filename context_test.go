package als_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/panics"
)

// settles waits until gls.Len() is at most before. Goroutines of earlier
// tests may still be removing their entries when a test takes before, so
// entries can only vanish meanwhile; a leak keeps Len above before.
func settles(t testing.TB, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for gls.Len() > before {
		if time.Now().After(deadline) {
			t.Fatalf("gls.Len() = %d, want at most %d: a context outlived its scope", gls.Len(), before)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRunContext(t *testing.T) {
	s := als.New[string](als.WithDefault("none"))
	other := als.New[int]()
	tests := []struct {
		name   string
		ctx    func() context.Context // built outside the caller's context
		caller string                 // "" runs the check outside any context
		want   string
		wantOK bool
	}{
		{"carried store wins over caller's", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			return ctx
		}, "caller", "carried", true},
		{"carried store reaches a caller with none", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			return ctx
		}, "", "carried", true},
		{"empty carried context hides caller's store", func() context.Context {
			return als.WithContext(context.Background())
		}, "caller", "none", false},
		{"plain ctx keeps caller's store", func() context.Context {
			return context.Background()
		}, "caller", "caller", true},
		{"plain ctx outside any context", func() context.Context {
			return context.Background()
		}, "", "none", false},
		{"derived ctx still carries", func() context.Context {
			var ctx context.Context
			s.Run("carried", func() { ctx = als.WithContext(context.Background()) })
			ctx, cancel := context.WithTimeout(ctx, time.Hour)
			t.Cleanup(cancel)
			return context.WithValue(ctx, ctxKey(9), "x")
		}, "caller", "carried", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := settle(t)
			ctx := tt.ctx()
			check := func() {
				var got string
				var ok bool
				als.RunContext(ctx, func() { got, ok = s.GetStore() })
				assert.Equal(t, tt.want, got, "RunContext")
				assert.Equal(t, tt.wantOK, ok, "RunContext")
				got, ok = s.FromContext(ctx)
				assert.Equal(t, tt.want, got, "FromContext")
				assert.Equal(t, tt.wantOK, ok, "FromContext")
			}
			if tt.caller == "" {
				check()
			} else {
				s.Run(tt.caller, func() {
					check()
					v, _ := s.GetStore()
					assert.Equal(t, tt.caller, v, "caller's store restored")
				})
			}
			settles(t, before)
		})
	}
	_, ok := other.GetStore()
	assert.False(t, ok)
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
	before := settle(t)
	s.Run("caller", func() {
		boom := errors.New("boom")
		func() {
			defer func() { assert.Equal(t, boom, recover()) }()
			als.RunContext(ctx, func() { panic(boom) })
		}()
		v, _ := s.GetStore()
		assert.Equal(t, "caller", v)
	})
	settles(t, before)
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
