package hooks

import "sync/atomic"

// These emitters are for the packages that create resources (asyncres,
// spawn) and for code that implements its own kind of resource. Each
// starts with one atomic load and returns at once when no hook is
// enabled. Callbacks run in enabling order on the calling goroutine; a
// panic in one propagates to the caller and the later hooks miss the
// event.

// EmitInit tells every enabled hook that resource asyncID of type typ was
// created by execution context triggerAsyncID.
func EmitInit(asyncID uint64, typ string, triggerAsyncID uint64, resource any) {
	if r := active.Load(); r != nil {
		for _, f := range r.init {
			f(asyncID, typ, triggerAsyncID, resource)
		}
	}
}

// EmitBefore tells every enabled hook that a callback of asyncID starts.
// Call it after installing the resource's execution context.
func EmitBefore(asyncID uint64) {
	if r := active.Load(); r != nil {
		for _, f := range r.before {
			f(asyncID)
		}
	}
}

// EmitAfter tells every enabled hook that a callback of asyncID ended.
// Call it before restoring the previous execution context.
func EmitAfter(asyncID uint64) {
	if r := active.Load(); r != nil {
		for _, f := range r.after {
			f(asyncID)
		}
	}
}

// EmitDestroy tells every enabled hook that asyncID is destroyed. Callers
// make sure it happens once per resource.
func EmitDestroy(asyncID uint64) {
	if r := active.Load(); r != nil {
		for _, f := range r.destroy {
			f(asyncID)
		}
	}
}

// Enabled reports whether any hook is enabled. Code that would build a
// resource only to report it can skip that work when it is false.
func Enabled() bool { return active.Load() != nil }

// DestroyEnabled reports whether an enabled hook has a Destroy callback,
// which is when a garbage-collected resource must report its destruction.
func DestroyEnabled() bool {
	r := active.Load()
	return r != nil && len(r.destroy) > 0
}

// RootAsyncID is the execution id of code that runs outside any resource,
// like Node's top level. Resource ids start above it.
const RootAsyncID uint64 = 1

var lastID atomic.Uint64

func init() { lastID.Store(RootAsyncID) }

// NewAsyncID returns an async id no other call returns; it is never 0 or
// RootAsyncID.
func NewAsyncID() uint64 { return lastID.Add(1) }
