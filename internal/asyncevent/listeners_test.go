package asyncevent

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Nothing in this package's tests runs in parallel: the enabled set is
// process-wide. Each test publishes its own and clears it.

// recording returns listeners that append "hook:event id" to *log.
func recording(log *[]string, hook string) (InitFunc, func(uint64), func(uint64), func(uint64)) {
	ev := func(name string) func(uint64) {
		return func(id uint64) { *log = append(*log, hook+":"+name) }
	}
	return func(uint64, string, uint64, any) { *log = append(*log, hook+":init") },
		ev("before"), ev("after"), ev("destroy")
}

func TestEventsReachEachListInEnablingOrder(t *testing.T) {
	var log []string
	l := new(Listeners)
	l.Add(recording(&log, "a"))
	l.Add(nil, nil, nil, nil) // a hook without callbacks adds nothing
	_, before, _, _ := recording(&log, "b")
	l.Add(nil, before, nil, nil)
	Publish(l)
	defer Publish(nil)

	ev := Load()
	require.Same(t, l, ev)
	ev.Init(2, "T", 1, nil)
	ev.Before(2)
	ev.After(2)
	ev.Destroy(2)
	assert.Equal(t, []string{"a:init", "a:before", "b:before", "a:after", "a:destroy"}, log)
	assert.True(t, ev.HasDestroy())
}

func TestNothingEnabled(t *testing.T) {
	for _, tc := range []struct {
		name string
		l    *Listeners
	}{
		{"nil", nil},
		{"empty", new(Listeners)},
		{"hooks without callbacks", func() *Listeners {
			l := new(Listeners)
			l.Add(nil, nil, nil, nil)
			return l
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			Publish(tc.l)
			defer Publish(nil)
			assert.False(t, Enabled())
			assert.Nil(t, Load())
			assert.False(t, Load().HasDestroy())
			// Emitting through the nil set does nothing and allocates
			// nothing: it is what every resource does while no hook is on.
			allocs := testing.AllocsPerRun(100, func() {
				ev := Load()
				ev.Init(7, "X", 1, nil)
				ev.Before(7)
				ev.After(7)
				ev.Destroy(7)
				Destroy(7)
			})
			assert.Zero(t, allocs)
		})
	}
}

func TestNewIDAboveRoot(t *testing.T) {
	a, b := NewID(), NewID()
	assert.Greater(t, a, RootID)
	assert.Greater(t, b, a)
}

// BenchmarkEmit is the four events of one resource's life, which is what
// every resource pays for hooks.
func BenchmarkEmit(b *testing.B) {
	run := func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Load().Init(7, "BENCH", 1, nil)
			Load().Before(7)
			Load().After(7)
			Load().Destroy(7)
		}
	}
	b.Run("no-hooks", run)
	b.Run("one-hook", func(b *testing.B) {
		l := new(Listeners)
		l.Add(func(uint64, string, uint64, any) {}, func(uint64) {}, func(uint64) {}, func(uint64) {})
		Publish(l)
		defer Publish(nil)
		run(b)
	})
}
