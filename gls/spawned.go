package gls

import (
	"sync"

	"github.com/go-als/als/internal/handoff"
)

// A goroutine started with its creator's context needs three things: the
// creator's frame, a state to publish it in, and a function value for the
// go statement. A go statement whose call has arguments makes the
// compiler allocate a closure for them, and a state would come from a
// pool of its own; a spawned holds all three in one pooled object, so
// that handing a context to a new goroutine costs one pool round trip and
// no allocation: the go statement then gets a prebuilt func() and passes
// it as is, as it passes the func of a plain `go f()`.
//
// How a spawned travels, and why the table protocol (table.go) holds:
//
//   - The creator takes s from spawnedPool, where no goroutine can find
//     s.st (it is in neither a slot, the map nor a hint, and its owner is
//     0), and writes s.st.base and s.fn: nobody else reads them then.
//   - The go statement orders those writes before everything the child
//     does. The child, and only the child, publishes s.st as its own
//     state (rule 1), after setting its owner (rule 4): publish does both.
//     A new goroutine has no state yet, so this is its only one.
//   - When fn returns or the goroutine exits, the child unpublishes s.st
//     (owner back to 0 after it is unreachable, rule 4) and puts s back in
//     the pool, which orders the child's last writes before the next
//     creator's first.
//   - A goroutine that loaded s.st from its own slot while s belonged to
//     an earlier child, and reads owner after s was recycled, sees 0 or
//     another goroutine's id, never its own: it is not the one publishing.
//     That is the argument statePool already relies on.
type spawned struct {
	st    state  // the child's state, published by the child only
	fn    func() // what the child runs; nil while s is in the pool
	start func() // s.run, bound once when s was made
}

// spawnedPool's New is set in init: run puts s back in the pool, so a
// New in the declaration would make an initialization cycle.
var spawnedPool sync.Pool

func init() {
	spawnedPool.New = func() any {
		s := new(spawned)
		s.start = s.run // the one allocation of a method value, reused
		return s
	}
	handoff.Start = spawnedStart
}

// spawnedStart returns the body of a goroutine that runs fn in the calling
// goroutine's current frame, in its own scope that ends with fn, with nothing allocated: start it at once with a go
// statement of its own, `go start()`. The result must be run exactly once
// and as a new goroutine's first call; it is recycled when it returns.
// The child starts at the root execution context.
//
// In compiled mode (see [Compiled]) the runtime copies the frame into
// the child, and Spawned returns fn itself.
//
// It is not exported: package spawn reaches it through internal/handoff,
// because a body run twice, or run by a goroutine that already has a
// state, would publish a second state for one goroutine.
func spawnedStart(fn func()) (start func()) {
	if compiled {
		return fn
	}
	s := spawnedPool.Get().(*spawned)
	if _, st := lookup(); st != nil {
		s.st.base = st.frame()
	}
	s.fn = fn
	return s.start
}

// run is the child's side: publish the state, run fn, unpublish.
func (s *spawned) run() {
	st := &s.st
	st.retop()
	publish(curGoid(), st)
	// Deferred, so that a runtime.Goexit in fn also removes the entry; a
	// panic in fn crashes the program after this runs, as it would after
	// a plain go statement's defers.
	defer s.exit()
	s.fn()
}

func (s *spawned) exit() {
	st := &s.st
	if st.n > 0 {
		// Scopes fn entered but never exited: drop what they hold.
		clear(st.ov[:st.n])
	}
	st.base, st.exec, st.floor, st.n, st.depth = nil, nil, 0, 0, 0
	st.top = nil
	unpublish(st)
	s.fn = nil
	spawnedPool.Put(s)
}
