package gls

import (
	"fmt"
	"runtime"
	"sync"
)

// Compiled mode: the binary was built with cmd/alsbuild, whose patched
// runtime gives every goroutine slots in runtime.g for the current frame,
// the current execution context and a free list of frames. The engine
// then keeps the context there instead of in the goroutine-id map:
//
//   - no map entry is ever made, so Len and Watched stay 0 and nothing
//     needs reclaiming: goroutine exit clears the slots;
//   - a go statement copies the creator's frame pointer into the child.
//     Frames are immutable while anyone else can see them, so the child
//     holds a snapshot: later changes on either side replace a pointer the
//     other does not see. Frames nobody else saw are recycled
//     (compiled_frames.go), so a nested Run allocates nothing; The
//     execution context is not copied: a child starts at the root, as it
//     does under als.Go;
//   - a Scope remembers the two pointers it replaced and puts them back.

// Compiled reports whether this binary was built by cmd/alsbuild, so that
// plain go statements inherit the caller's frame and Len is always 0.
func Compiled() bool { return compiled }

// rtScope marks scopes made in compiled mode: their st points here, so an
// empty Scope (nil st) still restores nothing.
var rtScope state

// The Scope is built once, as the result, after the calls: copying a
// just-written struct out stalled the CPU (store forwarding), which the
// profile of a nested Run showed as most of rtPush's time.

func rtEnter(f *Frame) Scope {
	base, exec := rtFrame(), rtExec()
	rtSetFrame(f)
	return Scope{st: &rtScope, base: base, exec: exec}
}

func rtEnterExec(f *Frame, e *Exec) Scope {
	base, exec := rtFrame(), rtExec()
	rtSetBoth(f, e)
	return Scope{st: &rtScope, base: base, exec: exec}
}

// rtPush builds the scope's frame in a recycled box (compiled_frames.go).
func rtPush(k *Key, v Value) Scope {
	old, exec := rtFrame(), rtExec()
	rtSetFrame(rtWith(old, k, v))
	return Scope{st: &rtScope, base: old, exec: exec}
}

func rtHide(k *Key) Scope {
	old := rtFrame()
	if old == nil {
		return Scope{}
	}
	exec := rtExec()
	rtSetFrame(old.Without(k))
	return Scope{st: &rtScope, base: old, exec: exec}
}

// rtExit restores what the scope replaced (its base and exec) and
// recycles the frame it drops from the slot when only this goroutine
// could reach it (see the invariant in compiled_frames.go).
func rtExit(base *Frame, exec *Exec) {
	f := rtFrame()
	rtSetBoth(base, exec)
	if f != base && f != nil && frameState(f) == frameOwned {
		rtRecycle(f)
	}
}

func rtSet(k *Key, v Value) { rtSetFrame(rtFrame().With(k, v)) }

// In compiled mode the runtime slots are checked once at start-up: a
// frame set here must read back, reach a child started by a plain go
// statement, and leave the child's execution context at the root. A
// binary whose runtime does not behave so must not run at all, since it
// would hand requests the wrong context.
func init() {
	if !compiled {
		return
	}
	if err := checkRuntimeField(); err != nil {
		panic(err)
	}
}

func checkRuntimeField() error {
	probe := (*Frame)(nil).With(NewKey("gls.probe"), Value{})
	exec := &Exec{AsyncID: 1}
	sc := rtEnterExec(probe, exec)
	defer sc.Exit()
	if rtFrame() != probe || rtExec() != exec {
		return fmt.Errorf("gls: the alsbuild runtime slots do not read back (%s)", runtime.Version())
	}
	var wg sync.WaitGroup
	var childFrame *Frame
	var childExec *Exec
	wg.Add(1)
	go func() { //als:ignore this checks what a plain go statement inherits
		defer wg.Done()
		childFrame, childExec = rtFrame(), rtExec()
	}()
	wg.Wait()
	if childFrame != probe || childExec != nil {
		return fmt.Errorf("gls: the alsbuild runtime does not pass the frame to new goroutines (%s)", runtime.Version())
	}
	return nil
}
