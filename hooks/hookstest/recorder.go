// Package hookstest records async-hook events, for tests of code that
// creates or runs async resources, as net/http/httptest does for
// handlers.
//
//	rec := hookstest.Start(t) // stopped when the test ends
//	codeUnderTest()
//	for _, e := range rec.Events() { ... }
//
// Hooks are process-wide, so a Recorder sees the events of every
// goroutine; For picks out one resource's.
package hookstest

import (
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/go-als/als/hooks"
)

// Kind names a hook event.
type Kind string

// The four kinds of events, one per hooks.Callbacks field.
const (
	Init    Kind = "init"
	Before  Kind = "before"
	After   Kind = "after"
	Destroy Kind = "destroy"
)

// Event is one recorded hook call.
type Event struct {
	Kind    Kind
	AsyncID uint64
	// Type and Trigger are set for Init only. The resource itself is not
	// kept, so that recording does not stop it from being collected.
	Type    string
	Trigger uint64
	// ExecID is hooks.ExecutionAsyncID on the goroutine that emitted the
	// event, at the moment it did.
	ExecID uint64
}

// Recorder is an enabled hook that keeps every event it receives. It is
// safe for concurrent use.
type Recorder struct {
	hook   *hooks.Hook
	mu     sync.Mutex
	events []Event
	notify chan struct{} // closed and replaced at every event
}

// TB is the part of *testing.T, *testing.B and *testing.F that Start
// uses.
type TB interface {
	Cleanup(func())
}

// Start creates and enables a Recorder, and registers its Stop with
// t.Cleanup, so that it stops recording when the test ends; call Stop to
// end it sooner.
func Start(t TB) *Recorder {
	r := &Recorder{notify: make(chan struct{})}
	r.hook = hooks.Create(hooks.Callbacks{
		Init: func(id uint64, typ string, trigger uint64, _ any) {
			r.add(Event{Kind: Init, AsyncID: id, Type: typ, Trigger: trigger})
		},
		Before:  func(id uint64) { r.add(Event{Kind: Before, AsyncID: id}) },
		After:   func(id uint64) { r.add(Event{Kind: After, AsyncID: id}) },
		Destroy: func(id uint64) { r.add(Event{Kind: Destroy, AsyncID: id}) },
	}).Enable()
	t.Cleanup(r.Stop)
	return r
}

func (r *Recorder) add(e Event) {
	e.ExecID = hooks.ExecutionAsyncID()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	close(r.notify)
	r.notify = make(chan struct{})
}

// Stop disables the recorder's hook; the events stay readable.
func (r *Recorder) Stop() { r.hook.Disable() }

// Hook returns the recorder's hook, to enable or disable it again.
func (r *Recorder) Hook() *hooks.Hook { return r.hook }

// Events returns a copy of every event so far, in the order received.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

// For returns the events of resource id, in order.
func (r *Recorder) For(id uint64) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Event
	for _, e := range r.events {
		if e.AsyncID == id {
			out = append(out, e)
		}
	}
	return out
}

// Kinds returns the kinds of the events of resource id, in order.
func (r *Recorder) Kinds(id uint64) []Kind {
	var out []Kind
	for _, e := range r.For(id) {
		out = append(out, e.Kind)
	}
	return out
}

// Await waits until cond, given every event so far, returns true, and
// reports whether that happened within timeout. cond runs with the
// recorder locked and must not call its methods.
func (r *Recorder) Await(timeout time.Duration, cond func([]Event) bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		ok := cond(r.events)
		ch := r.notify
		r.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

// AwaitCollected collects garbage until the resource id, which nothing
// may reference any more, reports destroy, and reports whether it did
// within about five seconds. A collected resource's destroy comes from a
// cleanup that runs some time after the collection that freed it, so one
// runtime.GC is not enough.
func (r *Recorder) AwaitCollected(id uint64) bool {
	for range 50 {
		runtime.GC()
		if r.Await(100*time.Millisecond, Has(Destroy, id)) {
			return true
		}
	}
	return false
}

// Has returns an Await condition that holds once an event of kind for
// resource id was recorded.
func Has(kind Kind, id uint64) func([]Event) bool {
	return func(evs []Event) bool {
		return slices.ContainsFunc(evs, func(e Event) bool { return e.Kind == kind && e.AsyncID == id })
	}
}

// Noop has all four callbacks, each doing nothing: enable it to measure
// what an enabled hook costs the code that emits events.
var Noop = hooks.Callbacks{
	Init:    func(uint64, string, uint64, any) {},
	Before:  func(uint64) {},
	After:   func(uint64) {},
	Destroy: func(uint64) {},
}
