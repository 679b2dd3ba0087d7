package gls

import (
	"fmt"
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
		f = f.With(k, i)
		require.Equal(t, i+1, f.Len())
		require.Equal(t, i, prev.Len(), "With never changes its receiver")
	}
	for i, k := range keys {
		v, ok := f.Get(k)
		require.True(t, ok)
		require.Equal(t, i, v)
	}
	g := f.With(keys[3], "replaced")
	assert.Equal(t, f.Len(), g.Len(), "replacing a key does not grow the frame")
	v, _ := g.Get(keys[3])
	assert.Equal(t, "replaced", v)
	v, _ = f.Get(keys[3])
	assert.Equal(t, 3, v)

	h := g.Without(keys[0])
	assert.Equal(t, g.Len()-1, h.Len())
	_, ok := h.Get(keys[0])
	assert.False(t, ok)
	for _, k := range keys[1:] {
		_, ok := h.Get(k)
		assert.True(t, ok, "Without keeps %v", k)
	}
	assert.Same(t, h, h.Without(keys[0]), "removing an absent key returns the frame")
	one := (*Frame)(nil).With(keys[0], 1)
	assert.Nil(t, one.Without(keys[0]))
	_, ok = (*Frame)(nil).Get(keys[0])
	assert.False(t, ok)
}

func TestScopeRestores(t *testing.T) {
	k := NewKey("k")
	done := make(chan struct{})
	before := Len()
	go func() { //als:ignore the test needs a goroutine with no entry
		defer close(done)
		outer := Push(k, "outer")
		assert.Equal(t, before+mapEntries(1), Len())
		e := &Exec{AsyncID: 7}
		inner := EnterExec(Current().With(k, "inner"), e)
		v, _ := Current().Get(k)
		assert.Equal(t, "inner", v)
		assert.Same(t, e, CurrentExec())
		hidden := Hide(k)
		_, ok := Current().Get(k)
		assert.False(t, ok)
		hidden.Exit()
		inner.Exit()
		v, _ = Current().Get(k)
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
