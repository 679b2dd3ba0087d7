package hooks

import (
	"slices"
	"sync"
	"sync/atomic"
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
// while it is enabled. Create it with Create; a Hook is safe for
// concurrent use.
type Hook struct {
	cb      Callbacks
	enabled bool // guarded by mu
}

// Create returns a disabled hook that will call cb's functions once
// enabled.
func Create(cb Callbacks) *Hook { return &Hook{cb: cb} }

// registry is the immutable set of enabled hooks, one list per event so
// that an emitter walks only the hooks that care. A new registry is built
// and published on every Enable and Disable; emitters load the pointer
// once and walk that snapshot, so a hook enabled during an emission does
// not see it, and emitters never lock.
type registry struct {
	hooks   []*Hook
	init    []func(uint64, string, uint64, any)
	before  []func(uint64)
	after   []func(uint64)
	destroy []func(uint64)
}

var (
	mu     sync.Mutex // serialises Enable and Disable
	active atomic.Pointer[registry]
)

// Enable starts delivering events to h and returns h. Enabling an
// enabled hook changes nothing: it still gets every event once.
func (h *Hook) Enable() *Hook {
	mu.Lock()
	defer mu.Unlock()
	if h.enabled {
		return h
	}
	h.enabled = true
	var hs []*Hook
	if r := active.Load(); r != nil {
		hs = slices.Clone(r.hooks)
	}
	publish(append(hs, h))
	return h
}

// Disable stops delivering events to h and returns h. An emission that
// had already started when Disable was called may still reach h.
func (h *Hook) Disable() *Hook {
	mu.Lock()
	defer mu.Unlock()
	if !h.enabled {
		return h
	}
	h.enabled = false
	r := active.Load()
	hs := slices.DeleteFunc(slices.Clone(r.hooks), func(o *Hook) bool { return o == h })
	publish(hs)
	return h
}

// publish installs hs as the enabled hooks. An empty set is stored as nil
// so that emitters see "nothing enabled" from the pointer alone.
func publish(hs []*Hook) {
	if len(hs) == 0 {
		active.Store(nil)
		return
	}
	r := &registry{hooks: hs}
	for _, h := range hs {
		if h.cb.Init != nil {
			r.init = append(r.init, h.cb.Init)
		}
		if h.cb.Before != nil {
			r.before = append(r.before, h.cb.Before)
		}
		if h.cb.After != nil {
			r.after = append(r.after, h.cb.After)
		}
		if h.cb.Destroy != nil {
			r.destroy = append(r.destroy, h.cb.Destroy)
		}
	}
	active.Store(r)
}
