package gls

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nested Push and its Exit reuse one frame in compiled mode; in default
// mode the overlay makes them allocation-free too.
func TestNestedPushAllocatesNothing(t *testing.T) {
	k := NewKey("k")
	v1, v2 := new(int), new(int)
	outer := Push(k, AnyValue(v1))
	defer outer.Exit()
	allocs := testing.AllocsPerRun(1000, func() {
		sc := Push(k, AnyValue(v2))
		if got, _ := AnyOf(Get(k)); got != v2 {
			t.Fatal("lost the inner value")
		}
		sc.Exit()
	})
	assert.Zero(t, allocs, "compiled mode: %v", compiled)
	got, _ := AnyOf(Get(k))
	assert.Same(t, v1, got)
}

// Each way a frame can reach another goroutine or outlive its scope must
// keep it from being recycled: after the scope exits and a new scope
// reuses the free list, the kept frame still holds its values.
func TestSharedFramesAreNotRecycled(t *testing.T) {
	share := map[string]func(t *testing.T, k *Key, want int) (check func()){
		"go statement": func(t *testing.T, k *Key, want int) func() {
			var got any
			release, done := make(chan struct{}), make(chan struct{})
			go func() { //als:ignore the case is what a plain go statement inherits
				defer close(done)
				<-release
				got, _ = AnyOf(Get(k))
			}()
			return func() {
				close(release)
				<-done
				if compiled {
					assert.Equal(t, want, got)
				} else {
					assert.Nil(t, got, "default mode: a plain go statement inherits nothing")
				}
			}
		},
		"Current": func(t *testing.T, k *Key, want int) func() {
			f := Current()
			return func() {
				got, _ := AnyOf(f.Get(k))
				assert.Equal(t, want, got)
			}
		},
		"Capture": func(t *testing.T, k *Key, want int) func() {
			f, _ := Capture()
			return func() {
				got, _ := AnyOf(f.Get(k))
				assert.Equal(t, want, got)
			}
		},
		"time.AfterFunc": func(t *testing.T, k *Key, want int) func() {
			var got any
			release, done := make(chan struct{}), make(chan struct{})
			time.AfterFunc(time.Millisecond, func() {
				defer close(done)
				<-release
				got, _ = AnyOf(Get(k))
			})
			return func() {
				close(release)
				<-done
				if compiled {
					assert.Equal(t, want, got, "compiled mode binds AfterFunc callbacks")
				} else {
					assert.Nil(t, got)
				}
			}
		},
	}
	for name, share := range share {
		t.Run(name, func(t *testing.T) {
			k, other := NewKey("k"), NewKey("other")
			outer := Push(other, AnyValue(0))
			defer outer.Exit()

			sc := Push(k, AnyValue(1))
			kept := rtFrame()
			check := share(t, k, 1)
			sc.Exit()
			if compiled {
				require.NotNil(t, kept)
				assert.Equal(t, uint32(frameShared), frameState(kept))
			}
			// Nested scopes that would reuse a recycled frame, with other
			// values, while the kept frame is still read.
			for i := 2; i < 10; i++ {
				sc := Push(k, AnyValue(i))
				if compiled {
					assert.NotSame(t, kept, rtFrame(), "a shared frame was reused")
				}
				sc.Exit()
			}
			check()
		})
	}
}

// Without sharing, an exited scope's frame is the next scope's.
func TestExitRecyclesOwnedFrames(t *testing.T) {
	k := NewKey("k")
	outer := Push(k, AnyValue(0))
	defer outer.Exit()
	sc := Push(k, AnyValue(1))
	first := rtFrame()
	sc.Exit()
	sc = Push(k, AnyValue(2))
	second := rtFrame()
	v, _ := AnyOf(Get(k))
	sc.Exit()
	assert.Equal(t, 2, v)
	if compiled {
		assert.Same(t, first, second, "compiled mode reuses the exited scope's frame")
		assert.Equal(t, uint32(frameFree), frameState(second))
	}
}

// A Hide of an absent key keeps the frame in the slot, so that frame is
// both what its Exit finds and what it restores: it must not be recycled.
// Set inside it replaces the frame, which the Hide's Exit puts back.
func TestScopeBaseIsNeverRecycled(t *testing.T) {
	k, absent := NewKey("k"), NewKey("absent")
	outer := Push(k, AnyValue(0))
	defer outer.Exit()
	sc := Push(k, AnyValue(1))
	Hide(absent).Exit()
	hide := Hide(absent)
	Set(k, AnyValue(2))
	hide.Exit()
	v, _ := AnyOf(Get(k))
	assert.Equal(t, 1, v, "Hide's Exit brings back the frame Push made")
	for i := 3; i < 6; i++ {
		Push(k, AnyValue(i)).Exit()
	}
	v, _ = AnyOf(Get(k))
	assert.Equal(t, 1, v, "the frame in the slot was not reused by later scopes")
	sc.Exit()
	v, _ = AnyOf(Get(k))
	assert.Equal(t, 0, v)
}

// Exits in the wrong order are a programmer error that may lose values,
// but must never let a goroutine rewrite a frame another one reads. Here
// a late Exit puts a frame that is already on the free list back into the
// slot; a go statement then shares it, and the nested scopes that follow
// must skip it instead of reusing it.
func TestOutOfOrderExitNeverReusesASharedFrame(t *testing.T) {
	k, absent := NewKey("k"), NewKey("absent")
	outer := Push(k, AnyValue(0))
	defer outer.Exit()
	a := Push(k, AnyValue(1))
	h := Hide(absent) // keeps a's frame in the slot and as its base
	if !compiled {
		// The default engine refuses the wrong order outright.
		require.PanicsWithValue(t, ErrScopeExit, a.Exit)
		h.Exit()
		a.Exit()
		return
	}
	a.Exit() // wrong order: frees a's frame
	h.Exit() // puts the freed frame back into the slot
	freed := rtFrame()
	if compiled {
		require.Equal(t, uint32(frameFree), frameState(freed))
	}
	_, before := AnyOf(Get(k)) // a freed frame holds nothing

	var got any
	var ok bool
	release, done := make(chan struct{}), make(chan struct{})
	go func() { //als:ignore the case is what a plain go statement inherits
		defer close(done)
		<-release
		got, ok = AnyOf(Get(k))
	}()
	for i := 2; i < 12; i++ {
		sc := Push(k, AnyValue(i))
		inner := Push(absent, AnyValue(i))
		if compiled {
			assert.NotSame(t, freed, rtFrame(), "a frame a child holds was reused")
		}
		inner.Exit()
		if compiled {
			assert.NotSame(t, freed, rtFrame(), "a frame a child holds was reused")
		}
		sc.Exit()
	}
	close(release)
	<-done
	if compiled {
		assert.Equal(t, before, ok, "the child reads the frame as it was shared, got %v", got)
	}
}

// Self.Top answers, without a call, for the key the innermost scope set,
// and leaves everything else to Get, in both modes.
func TestTopPeeks(t *testing.T) {
	k, other := NewKey("k"), NewKey("other")
	_, ok := AnyOf(Me().Top(k))
	assert.False(t, ok, "no context")
	outer := Push(other, AnyValue(1))
	defer outer.Exit()
	sc := Push(k, AnyValue(2))
	defer sc.Exit()

	v, ok := AnyOf(Me().Top(k))
	assert.True(t, ok, "the innermost scope's key")
	assert.Equal(t, 2, v)
	_, ok = AnyOf(Me().Top(other))
	assert.False(t, ok, "an outer scope's key is Get's")
	v, ok = AnyOf(Get(other))
	assert.True(t, ok)
	assert.Equal(t, 1, v)
}
