package gls

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScopeExitMisuseIsLoud checks that every way of ending scopes out of
// order panics with ErrScopeExit instead of restoring a context the
// goroutine never entered, and that the goroutine's context is left as
// it was before the bad call.
func TestScopeExitMisuseIsLoud(t *testing.T) {
	if compiled {
		// Compiled mode keeps no per-goroutine scope count to check the
		// order against (Scope.Exit's doc says so); what it promises for
		// a wrong order is TestOutOfOrderExitNeverReusesASharedFrame's.
		return
	}
	k := NewKey("k")
	tests := []struct {
		name   string
		misuse func(t *testing.T)
	}{
		{"nested scope exited twice", func(t *testing.T) {
			outer := Push(k, AnyValue(1))
			defer outer.Exit()
			inner := Push(k, AnyValue(2))
			inner.Exit()
			assert.PanicsWithValue(t, ErrScopeExit, inner.Exit)
			v, _ := AnyOf(Get(k))
			assert.Equal(t, 1, v, "the failed Exit changed nothing")
		}},
		{"outer scope exited before the inner one", func(t *testing.T) {
			outer := Push(k, AnyValue(1))
			inner := Push(k, AnyValue(2))
			assert.PanicsWithValue(t, ErrScopeExit, outer.Exit)
			inner.Exit()
			outer.Exit()
		}},
		{"entered frame exited twice", func(t *testing.T) {
			outer := Push(k, AnyValue(1))
			defer outer.Exit()
			sc := Enter((*Frame)(nil).With(k, AnyValue(3)))
			sc.Exit()
			assert.PanicsWithValue(t, ErrScopeExit, sc.Exit)
		}},
		{"fresh scope exited twice", func(t *testing.T) {
			sc := Enter((*Frame)(nil).With(k, AnyValue(4))) // the goroutine's first scope
			sc.Exit()
			assert.PanicsWithValue(t, ErrScopeExit, sc.Exit)
			_, ok := Get(k)
			assert.False(t, ok)
		}},
		{"fresh scope exited on another goroutine", func(t *testing.T) {
			sc := Push(k, AnyValue(5))
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { //als:ignore the test needs a goroutine that does not own sc
				defer wg.Done()
				assert.PanicsWithValue(t, ErrScopeExit, sc.Exit)
			}()
			wg.Wait()
			v, _ := AnyOf(Get(k))
			assert.Equal(t, 5, v, "the other goroutine's Exit changed nothing")
			sc.Exit()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			go func() { //als:ignore each case starts from a goroutine with no entry
				defer close(done)
				tt.misuse(t)
				_, ok := Get(k)
				require.False(t, ok, "the case left a context behind")
			}()
			<-done
		})
	}
}
