package gls_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als/gls"
)

// These tests pin down the one place where the two engines differ, a plain
// go statement, and check that everything else behaves alike. make test
// runs them in both modes.

// inChild runs fn in a goroutine started by a plain go statement and waits.
func inChild(fn func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { //als:ignore the test is about what a plain go statement inherits
		defer wg.Done()
		fn()
	}()
	wg.Wait()
}

func TestPlainGoInheritsOnlyInCompiledMode(t *testing.T) {
	t.Logf("compiled mode: %v", gls.Compiled())
	k := gls.NewKey("k")
	sc := gls.EnterExec((*gls.Frame)(nil).With(k, gls.AnyValue("parent")), &gls.Exec{AsyncID: 7, TriggerAsyncID: 1})
	defer sc.Exit()

	var got any
	var ok bool
	var exec *gls.Exec
	inChild(func() {
		got, ok = gls.AnyOf(gls.Current().Get(k))
		exec = gls.CurrentExec()
	})
	if gls.Compiled() {
		assert.True(t, ok, "compiled mode: a plain go statement inherits the frame")
		assert.Equal(t, "parent", got)
	} else {
		assert.False(t, ok, "default mode: a plain go statement inherits nothing")
	}
	assert.Nil(t, exec, "a child starts in the root execution context in both modes")
}

func TestChildHoldsASnapshot(t *testing.T) {
	k := gls.NewKey("k")
	sc := gls.Push(k, gls.AnyValue(1))
	defer sc.Exit()

	started, changed := make(chan struct{}), make(chan struct{})
	var seenBefore, seenAfter any
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { //als:ignore the test is about what a plain go statement inherits
		defer wg.Done()
		seenBefore, _ = gls.AnyOf(gls.Current().Get(k))
		gls.Set(k, gls.AnyValue(3)) // the child's own change must not reach the parent
		close(started)
		<-changed
		seenAfter, _ = gls.AnyOf(gls.Current().Get(k))
	}()
	<-started
	gls.Set(k, gls.AnyValue(2)) // the parent's later change must not reach the child
	close(changed)
	wg.Wait()

	v, _ := gls.AnyOf(gls.Current().Get(k))
	assert.Equal(t, 2, v)
	if gls.Compiled() {
		assert.Equal(t, 1, seenBefore)
		assert.Equal(t, 3, seenAfter)
	} else {
		assert.Nil(t, seenBefore)
		assert.Equal(t, 3, seenAfter)
	}
}

func TestScopesRestoreFrameAndExec(t *testing.T) {
	k := gls.NewKey("k")
	e1 := &gls.Exec{AsyncID: 11}
	tests := []struct {
		name  string
		enter func() gls.Scope
		want  string
		exec  *gls.Exec // the execution context inside the scope
	}{
		{"Enter", func() gls.Scope { return gls.Enter((*gls.Frame)(nil).With(k, gls.AnyValue("e"))) }, "e", nil},
		{"EnterExec", func() gls.Scope { return gls.EnterExec((*gls.Frame)(nil).With(k, gls.AnyValue("x")), e1) }, "x", e1},
		{"Push", func() gls.Scope { return gls.Push(k, gls.AnyValue("p")) }, "p", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A fresh goroutine, so that the root is empty in both modes.
			// assert, not require: this is not the test's goroutine.
			inChild(func() {
				sc := tt.enter()
				v, ok := gls.AnyOf(gls.Current().Get(k))
				assert.True(t, ok)
				assert.Equal(t, tt.want, v)
				assert.Same(t, tt.exec, gls.CurrentExec())

				inner := gls.EnterExec((*gls.Frame)(nil).With(k, gls.AnyValue("inner")), &gls.Exec{AsyncID: 12})
				assert.Equal(t, uint64(12), gls.CurrentExec().AsyncID)
				inner.Exit()
				v, _ = gls.AnyOf(gls.Current().Get(k))
				assert.Equal(t, tt.want, v, "a nested scope's Exit restores the frame")
				assert.Same(t, tt.exec, gls.CurrentExec(), "and the execution context")

				hide := gls.Hide(k)
				_, ok = gls.AnyOf(gls.Current().Get(k))
				assert.False(t, ok)
				gls.Set(k, gls.AnyValue("set inside hide"))
				hide.Exit()
				v, _ = gls.AnyOf(gls.Current().Get(k))
				assert.Equal(t, tt.want, v, "Hide's Exit restores the frame it replaced, Set included")

				sc.Exit()
				assert.Nil(t, gls.Current(), "Exit restores the empty root")
				assert.Nil(t, gls.CurrentExec())
			})
		})
	}
}

func TestCompiledModeMakesNoMapEntries(t *testing.T) {
	k := gls.NewKey("k")
	before := gls.Len()
	inChild(func() {
		sc := gls.Push(k, gls.AnyValue(1))
		if gls.Compiled() {
			assert.Equal(t, 0, gls.Len(), "compiled mode keeps contexts in runtime.g")
		} else {
			assert.Equal(t, before+1, gls.Len())
		}
		sc.Exit()
		if gls.Compiled() {
			gls.Set(k, gls.AnyValue(2)) // no scope: the runtime clears it when the goroutine ends
		}
	})
	if gls.Compiled() {
		assert.Equal(t, 0, gls.Len())
		assert.Equal(t, 0, gls.Watched())
	}
}

func TestAfterFuncInheritsOnlyInCompiledMode(t *testing.T) {
	k := gls.NewKey("k")
	sc := gls.Push(k, gls.AnyValue("timer"))
	got := make(chan any, 1)
	time.AfterFunc(time.Millisecond, func() {
		v, _ := gls.AnyOf(gls.Current().Get(k))
		got <- v
	})
	sc.Exit()
	v := <-got
	if gls.Compiled() {
		assert.Equal(t, "timer", v, "compiled mode: AfterFunc runs in the context it was called in")
	} else {
		assert.Nil(t, v)
	}
}
