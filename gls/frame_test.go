package gls

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFrameWithWithout(t *testing.T) {
	keys := make([]*Key, 12) // past the largest inline frame
	for i := range keys {
		keys[i] = NewKey(fmt.Sprint("k", i))
	}
	var f *Frame
	for i, k := range keys {
		prev := f
		f = f.With(k, AnyValue(i))
		require.Equal(t, i+1, f.Len())
		require.Equal(t, i, prev.Len(), "With never changes its receiver")
	}
	for i, k := range keys {
		v, ok := AnyOf(f.Get(k))
		require.True(t, ok)
		require.Equal(t, i, v)
	}
	g := f.With(keys[3], AnyValue("replaced"))
	assert.Equal(t, f.Len(), g.Len(), "replacing a key does not grow the frame")
	v, _ := AnyOf(g.Get(keys[3]))
	assert.Equal(t, "replaced", v)
	v, _ = AnyOf(f.Get(keys[3]))
	assert.Equal(t, 3, v)

	h := g.Without(keys[0])
	assert.Equal(t, g.Len()-1, h.Len())
	_, ok := AnyOf(h.Get(keys[0]))
	assert.False(t, ok)
	for _, k := range keys[1:] {
		_, ok := AnyOf(h.Get(k))
		assert.True(t, ok, "Without keeps %v", k)
	}
	assert.Same(t, h, h.Without(keys[0]), "removing an absent key returns the frame")
	one := (*Frame)(nil).With(keys[0], AnyValue(1))
	assert.Nil(t, one.Without(keys[0]))
	_, ok = AnyOf((*Frame)(nil).Get(keys[0]))
	assert.False(t, ok)
}

func TestScopeRestores(t *testing.T) {
	k := NewKey("k")
	done := make(chan struct{})
	before := Len()
	go func() { //als:ignore the test needs a goroutine with no entry
		defer close(done)
		outer := Push(k, AnyValue("outer"))
		assert.Equal(t, before+mapEntries(1), Len())
		e := &Exec{AsyncID: 7}
		inner := EnterExec(Current().With(k, AnyValue("inner")), e)
		v, _ := AnyOf(Current().Get(k))
		assert.Equal(t, "inner", v)
		assert.Same(t, e, CurrentExec())
		hidden := Hide(k)
		_, ok := AnyOf(Current().Get(k))
		assert.False(t, ok)
		hidden.Exit()
		inner.Exit()
		v, _ = AnyOf(Current().Get(k))
		assert.Equal(t, "outer", v)
		assert.Nil(t, CurrentExec())
		outer.Exit()
		assert.Nil(t, Current())
		assert.Equal(t, before, Len(), "the scope that made the entry removes it")
		Hide(k).Exit() // hiding with no entry is a no-op
		assert.Equal(t, before, Len())
	}()
	<-done
}

// TestFrameAgainstModel drives frames through random With, Without and
// Retire against a map, across the array/trie boundary, and checks every
// frame ever built still answers as it did (frames are immutable).
func TestFrameAgainstModel(t *testing.T) {
	for _, nkeys := range []int{3, 8, 9, 40, 3000} {
		t.Run(fmt.Sprint(nkeys, " keys"), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(nkeys), 7))
			keys := make([]*Key, nkeys)
			for i := range keys {
				keys[i] = NewKey(fmt.Sprint("k", i))
			}
			type version struct {
				f     *Frame
				model map[*Key]int
			}
			var f *Frame
			model := map[*Key]int{}
			var history []version
			for step := range 20 * nkeys {
				k := keys[rng.IntN(nkeys)]
				if k.retired.Load() {
					continue // a retired key is never used again
				}
				switch r := rng.IntN(20); {
				case r == 0:
					k.Retire() // from now on nobody may ask for k
					delete(model, k)
					for _, v := range history {
						delete(v.model, k)
					}
				case r < 6:
					f = f.Without(k)
					delete(model, k)
				default:
					f = f.With(k, AnyValue(step))
					model[k] = step
				}
				if step%97 == 0 {
					history = append(history, version{f, maps.Clone(model)})
				}
				if f.Len() < len(model) {
					t.Fatalf("step %d: frame holds %d keys, model %d", step, f.Len(), len(model))
				}
			}
			history = append(history, version{f, model})
			for _, v := range history {
				for _, k := range keys {
					if k.retired.Load() {
						continue
					}
					got, ok := AnyOf(v.f.Get(k))
					want, wantOK := v.model[k]
					require.Equal(t, wantOK, ok, "key %v", k)
					if ok {
						require.Equal(t, want, got, "key %v", k)
					}
				}
			}
		})
	}
}

// TestRetiredKeysLeaveFrames: entries of retired keys are dropped by the
// next frame built, for array and trie frames alike (SPEC 20).
func TestRetiredKeysLeaveFrames(t *testing.T) {
	for _, n := range []int{4, 100, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var f *Frame
			keep := NewKey("keep")
			f = f.With(keep, AnyValue("kept"))
			for i := range n {
				k := NewKey("gone")
				f = f.With(k, AnyValue(i))
				k.Retire()
			}
			f = f.With(NewKey("last"), AnyValue(0))
			assert.LessOrEqual(t, f.Len(), 3, "frame of %d retired keys", n)
			v, ok := AnyOf(f.Get(keep))
			assert.True(t, ok)
			assert.Equal(t, "kept", v)
		})
	}
}
