package gls

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// The reclaimer must tell whether a goroutine has ended without stopping
// the world. Each watched goroutine's runtime descriptor (*runtime.g,
// from getg) is kept with its id. The runtime never frees descriptors; it
// marks an ended goroutine's descriptor dead and may reuse it for a new
// goroutine with a new id. So goroutine id has ended exactly when its
// descriptor's goid is no longer id, or its status is dead. While id
// lives, both fields are stable, so the judgement never takes a live
// goroutine; and it reads two words per watched goroutine, whatever the
// number of other goroutines.
//
// The two fields are found by name in the runtime's own type data (the
// type descriptor of *runtime.g, listed in the binary's type links), not
// at offsets written down for some Go release, and checked once against
// runtime.Stack and against a goroutine seen parked and then ended. If
// either step fails, the reclaimer falls back to runtime.Stack snapshots,
// which are correct but stop the world, and says so once on stderr.

// ErrLayout reports that the reclaimer could not find or trust the
// runtime.g fields it reads, so it uses the slower runtime.Stack sweep.
var ErrLayout = errors.New("gls: cannot read goroutine liveness from runtime.g")

// gLayout holds the offsets of runtime.g's goid and atomicstatus.
type gLayout struct{ goid, status uintptr }

// Values of runtime.g.atomicstatus (runtime/runtime2.go).
const (
	gRunning   = 2
	gWaiting   = 4
	gDead      = 6
	gDeadExtra = 11 // dead, parked on an extra M for cgo callbacks
	gScan      = 0x1000
)

func (l gLayout) goidOf(gp unsafe.Pointer) int64 {
	return int64(atomic.LoadUint64((*uint64)(unsafe.Add(gp, l.goid))))
}

func (l gLayout) statusOf(gp unsafe.Pointer) uint32 {
	return atomic.LoadUint32((*uint32)(unsafe.Add(gp, l.status))) &^ gScan
}

// ended reports whether goroutine id, whose descriptor is gp, has ended.
func (l gLayout) ended(gp unsafe.Pointer, id int64) bool {
	if l.goidOf(gp) != id {
		return true // the descriptor serves a newer goroutine
	}
	s := l.statusOf(gp)
	return s == gDead || s == gDeadExtra
}

//go:linkname typelinks reflect.typelinks
func typelinks() (sections []unsafe.Pointer, offset [][]int32)

//go:linkname resolveTypeOff reflect.resolveTypeOff
func resolveTypeOff(rtype unsafe.Pointer, off int32) unsafe.Pointer

// runtimeG returns the reflect.Type of runtime.g, found among the type
// links of this binary, or nil.
func runtimeG() reflect.Type {
	sections, offsets := typelinks()
	for i, base := range sections {
		for _, off := range offsets[i] {
			var x any
			(*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0] = resolveTypeOff(base, off)
			t := reflect.TypeOf(x)
			if t.Kind() == reflect.Pointer && t.String() == "*runtime.g" {
				return t.Elem()
			}
		}
	}
	return nil
}

// findGLayout finds goid and atomicstatus in runtime.g by name.
func findGLayout() (gLayout, error) {
	if getg() == nil {
		return gLayout{}, fmt.Errorf("%w: no getg on %s", ErrLayout, runtime.GOARCH)
	}
	g := runtimeG()
	if g == nil {
		return gLayout{}, fmt.Errorf("%w: no type data for runtime.g", ErrLayout)
	}
	goid, ok := g.FieldByName("goid")
	if !ok || goid.Type.Kind() != reflect.Uint64 || goid.Offset%8 != 0 {
		return gLayout{}, fmt.Errorf("%w: runtime.g.goid is not an aligned uint64", ErrLayout)
	}
	status, ok := g.FieldByName("atomicstatus")
	if !ok || status.Type.Size() != 4 || status.Offset%4 != 0 {
		return gLayout{}, fmt.Errorf("%w: runtime.g.atomicstatus is not an aligned 32-bit word", ErrLayout)
	}
	return gLayout{goid: goid.Offset, status: status.Offset}, nil
}

// checkGLayout checks l on real goroutines: the caller (running), and a
// fresh one seen parked and then ended, each against runtime.Stack.
func checkGLayout(l gLayout) error {
	fail := func(what string, got, want any) error {
		return fmt.Errorf("%w: %s is %v, want %v (%s)", ErrLayout, what, got, want, runtime.Version())
	}
	me := getg()
	if id, want := l.goidOf(me), stackGoid(); id != want {
		return fail("the caller's goid", id, want)
	}
	if s := l.statusOf(me); s != gRunning {
		return fail("the caller's status", s, gRunning)
	}
	var gp unsafe.Pointer
	var id int64
	ready, park := make(chan struct{}), make(chan struct{})
	go func() { //als:ignore the probe goroutine must hold no context
		gp, id = getg(), stackGoid()
		close(ready)
		<-park
	}()
	<-ready
	if got := l.goidOf(gp); got != id {
		return fail("a parked goroutine's goid", got, id)
	}
	if !eventually(func() bool { return l.statusOf(gp) == gWaiting }) {
		return fail("a parked goroutine's status", l.statusOf(gp), gWaiting)
	}
	if l.ended(gp, id) {
		return fail("a parked goroutine's end", true, false)
	}
	close(park)
	if !eventually(func() bool { return l.ended(gp, id) }) {
		return fail("an ended goroutine's status", l.statusOf(gp), gDead)
	}
	return nil
}

// eventually polls cond for up to a second.
func eventually(cond func() bool) bool {
	for deadline := time.Now().Add(time.Second); ; time.Sleep(time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}
