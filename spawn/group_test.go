package spawn_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als/internal/panics"
	"github.com/go-als/als/spawn"
)

func TestGroupZeroValue(t *testing.T) {
	var g spawn.Group
	var n atomic.Int32
	for range 10 {
		g.Go(func() error { n.Add(1); return nil })
	}
	require.NoError(t, g.Wait())
	assert.Equal(t, int32(10), n.Load())
	require.NoError(t, (&spawn.Group{}).Wait(), "waiting on an empty group")
}

func TestGroupFirstError(t *testing.T) {
	first, second := errors.New("first"), errors.New("second")
	g, ctx := spawn.WithContext(context.Background())
	g.Go(func() error { return nil })
	g.Go(func() error { return first })
	// This member fails only after the first error cancelled ctx.
	g.Go(func() error { <-ctx.Done(); return second })
	assert.Same(t, first, g.Wait())
}

func TestGroupMembersInheritCallerContext(t *testing.T) {
	var g spawn.Group
	var mu sync.Mutex
	got := map[string]string{}
	for _, name := range []string{"a", "b", "c"} {
		store.Run(name, func() {
			g.Go(func() error {
				v, _ := store.GetStore()
				mu.Lock()
				got[name] = v
				mu.Unlock()
				return nil
			})
		})
	}
	require.NoError(t, g.Wait())
	assert.Equal(t, map[string]string{"a": "a", "b": "b", "c": "c"}, got)
}

// With a limit of 3, three members that block hold the group at its
// limit: a fourth does not start until one of them ends, and Go blocks
// meanwhile.
func TestGroupLimit(t *testing.T) {
	const limit, members = 3, 10
	var g spawn.Group
	g.SetLimit(limit)
	var running, peak atomic.Int32
	entered := make(chan struct{}, members)
	release := make(chan struct{})
	launched := make(chan struct{})
	go func() { //als:ignore the test waits for it through launched
		defer close(launched)
		for range members {
			g.Go(func() error {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				entered <- struct{}{}
				<-release
				running.Add(-1)
				return nil
			})
		}
	}()
	for range limit {
		<-entered
	}
	select {
	case <-entered:
		assert.Fail(t, "a member started while the group was at its limit")
	case <-launched:
		assert.Fail(t, "Go did not block at the limit")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	<-launched
	require.NoError(t, g.Wait())
	assert.Equal(t, int32(limit), peak.Load(), "exactly the limit ran at once")
}

func TestGroupTryGo(t *testing.T) {
	var g spawn.Group
	g.SetLimit(1)
	release := make(chan struct{})
	require.True(t, g.TryGo(func() error { <-release; return nil }))
	assert.False(t, g.TryGo(func() error { return nil }), "at the limit")
	close(release)
	require.NoError(t, g.Wait())
	assert.True(t, g.TryGo(func() error { return nil }), "below the limit again")
	require.NoError(t, g.Wait())
}

func TestGroupSetLimitWhileActivePanics(t *testing.T) {
	var g spawn.Group
	g.SetLimit(2)
	release := make(chan struct{})
	g.Go(func() error { <-release; return nil })
	err := panics.Error(t, func() { g.SetLimit(5) })
	close(release)
	require.NoError(t, g.Wait())
	assert.ErrorIs(t, err, spawn.ErrGroupActive)
	g.SetLimit(-1) // allowed once idle
	g.Go(func() error { return nil })
	require.NoError(t, g.Wait())
}

func TestGroupWithContext(t *testing.T) {
	boom := errors.New("boom")
	g, ctx := spawn.WithContext(context.Background())
	g.Go(func() error { return boom })
	g.Go(func() error {
		<-ctx.Done() // cancelled by the first error
		return ctx.Err()
	})
	assert.Same(t, boom, g.Wait())
	assert.ErrorIs(t, context.Cause(ctx), boom)

	g, ctx = spawn.WithContext(context.Background())
	g.Go(func() error { return nil })
	require.NoError(t, g.Wait())
	assert.ErrorIs(t, ctx.Err(), context.Canceled, "Wait cancels the context")
}
