package asyncevent

import "sync/atomic"

// InitFunc is the signature of an init callback, hooks.Callbacks.Init.
type InitFunc = func(asyncID uint64, typ string, triggerAsyncID uint64, resource any)

// Listeners is an immutable set of enabled callbacks, one list per event
// so that an emitter walks only the callbacks that care. Build it with
// [Listeners.Add] and install it with [Publish]; it must not change after
// that. Emitting through a nil *Listeners does nothing, which is what
// [Load] returns while no hook is enabled.
type Listeners struct {
	init    []InitFunc
	before  []func(uint64)
	after   []func(uint64)
	destroy []func(uint64)
}

// Add appends one hook's callbacks, each to its event's list, in order;
// nil callbacks are left out.
func (l *Listeners) Add(init InitFunc, before, after, destroy func(uint64)) {
	if init != nil {
		l.init = append(l.init, init)
	}
	if before != nil {
		l.before = append(l.before, before)
	}
	if after != nil {
		l.after = append(l.after, after)
	}
	if destroy != nil {
		l.destroy = append(l.destroy, destroy)
	}
}

func (l *Listeners) empty() bool {
	return len(l.init)+len(l.before)+len(l.after)+len(l.destroy) == 0
}

var active atomic.Pointer[Listeners]

// Publish makes l the enabled callbacks. A nil or empty l is stored as
// nil, so that emitters see "nothing enabled" from the pointer alone and
// a hook without callbacks costs them nothing. Callers serialise their
// Publish calls; emitters never lock.
func Publish(l *Listeners) {
	if l == nil || l.empty() {
		active.Store(nil)
		return
	}
	active.Store(l)
}

// Load returns the enabled callbacks, or nil when no hook is enabled: one
// atomic load. A hook enabled or disabled after Load does not change what
// the returned value delivers to, so load again for every event.
func Load() *Listeners { return active.Load() }

// Enabled reports whether any hook with a callback is enabled. Code that
// would build a resource only to report it can skip that work when it is
// false.
func Enabled() bool { return active.Load() != nil }

// HasDestroy reports whether l has a destroy callback, which is when a
// garbage-collected resource must report its destruction.
func (l *Listeners) HasDestroy() bool { return l != nil && len(l.destroy) > 0 }

// Callbacks run in the order their hooks were enabled, on the calling
// goroutine; a panic in one propagates to the emitter and the later ones
// miss the event.

// Init tells l's init callbacks that resource asyncID of type typ was
// created by execution context triggerAsyncID.
func (l *Listeners) Init(asyncID uint64, typ string, triggerAsyncID uint64, resource any) {
	if l == nil {
		return
	}
	for _, f := range l.init {
		f(asyncID, typ, triggerAsyncID, resource)
	}
}

// Before tells l's before callbacks that a callback of asyncID starts.
// Call it once the resource's execution context is installed.
func (l *Listeners) Before(asyncID uint64) {
	if l == nil {
		return
	}
	for _, f := range l.before {
		f(asyncID)
	}
}

// After tells l's after callbacks that a callback of asyncID ended. Call
// it before the previous execution context is restored.
func (l *Listeners) After(asyncID uint64) {
	if l == nil {
		return
	}
	for _, f := range l.after {
		f(asyncID)
	}
}

// Destroy tells l's destroy callbacks that asyncID is destroyed. Callers
// make sure it happens once per resource.
func (l *Listeners) Destroy(asyncID uint64) {
	if l == nil {
		return
	}
	for _, f := range l.destroy {
		f(asyncID)
	}
}

// Destroy is [Listeners.Destroy] on the callbacks enabled now: what a
// resource's garbage-collection cleanup, which runs later, calls.
func Destroy(asyncID uint64) { Load().Destroy(asyncID) }
