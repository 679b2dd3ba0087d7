package hooks

import (
	"fmt"
	"slices"
	"sync"

	"github.com/go-als/als/internal/asyncevent"
)

// Callbacks are the functions a Hook calls. Any of them may be nil.
type Callbacks struct {
	// Init is called when a resource is created, on the creating
	// goroutine. typ names the kind of resource, triggerAsyncID is the
	// execution context that caused it and resource is the resource
	// itself (an *asyncres.Resource for the resources of this module).
	Init func(asyncID uint64, typ string, triggerAsyncID uint64, resource any)
	// Before is called just before a callback of the resource runs, in
	// the resource's execution context.
	Before func(asyncID uint64)
	// After is called just after a callback of the resource returned or
	// panicked, still in the resource's execution context.
	After func(asyncID uint64)
	// Destroy is called once when the resource is destroyed, explicitly
	// or, for resources that allow it, after it was garbage-collected.
	Destroy func(asyncID uint64)
}

// Hook is a set of callbacks that receives the events of every resource
// while it is enabled. Create it with [Create]; a Hook is safe for
// concurrent use.
type Hook struct {
	cb Callbacks
}

// Create returns a disabled hook that will call cb's functions once
// enabled. A hook whose callbacks are all nil is allowed, as Node's
// createHook({}) is: it receives nothing, and enabling it costs the code
// that emits events nothing.
func Create(cb Callbacks) *Hook { return &Hook{cb: cb} }

var (
	mu      sync.Mutex // serialises Enable and Disable
	enabled []*Hook    // guarded by mu, in enabling order
)

// Enable starts delivering events to h and returns h. Enabling an
// enabled hook changes nothing: it still gets every event once. A hook
// enabled while an event is being delivered gets the next one. Enable
// panics with an error wrapping [ErrNilHook] when h is nil.
func (h *Hook) Enable() *Hook {
	h.check("Enable")
	mu.Lock()
	defer mu.Unlock()
	if slices.Contains(enabled, h) {
		return h
	}
	enabled = append(enabled, h)
	publish()
	return h
}

// Disable stops delivering events to h and returns h; disabling a
// disabled hook changes nothing. An event whose delivery had already
// started may still reach h. Disable panics with an error wrapping
// [ErrNilHook] when h is nil.
func (h *Hook) Disable() *Hook {
	h.check("Disable")
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(enabled, h) {
		return h
	}
	enabled = slices.DeleteFunc(enabled, func(o *Hook) bool { return o == h })
	publish()
	return h
}

// check panics at the call, rather than with a nil dereference deep in a
// later emission, when h is nil.
func (h *Hook) check(method string) {
	if h == nil {
		panic(fmt.Errorf("%w: Hook.%s called on a nil *Hook (make hooks with hooks.Create)", ErrNilHook, method))
	}
}

// publish installs the enabled hooks' callbacks for the emitters as a new
// immutable set: emitters load it with one atomic load and never lock, and
// one that loaded the previous set goes on delivering to that.
func publish() {
	l := new(asyncevent.Listeners)
	for _, h := range enabled {
		l.Add(h.cb.Init, h.cb.Before, h.cb.After, h.cb.Destroy)
	}
	asyncevent.Publish(l)
}
