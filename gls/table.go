package gls

import (
	"sync"
	"sync/atomic"

	"github.com/puzpuzpuz/xsync/v3"
)

// The goroutine table finds the calling goroutine's state by goroutine
// id. It has two parts: cache, a direct-mapped array of slots indexed by a
// hash of the id, and states, a concurrent map from id to state. A state
// lives in its slot, in the map, or in both (the slot then acts as a
// cache of the map entry).
//
// The protocol, for every goroutine G:
//
//  1. Only G publishes, moves or removes G's state. The one exception is
//     the reclaimer (reclaim.go), which removes the state of a goroutine
//     it has proven dead. No goroutine writes a live goroutine's entry:
//     there is no eviction and no slot takeover.
//  2. A slot is nil or holds a state that its owner put there with
//     CAS(nil, st). Only that owner, or the reclaimer after the owner's
//     death, sets it back to nil, with CAS(st, nil).
//  3. The key G of states is stored and deleted only by G, or by the
//     reclaimer after G's death. Goroutine ids are never reused.
//  4. st.owner is set to G by G before st is published anywhere, and
//     reset to 0 only after st is unpublished from both places.
//
// What a reader may assume: a state with owner G, wherever G found it, is
// G's current state, by 4 (G is the one reading, so it is not between
// publishing and unpublishing). G's lookup loads G's slot; if the state
// there is not G's, G's state, if it has one, is in the map (by 2 nobody
// could have taken it out of the slot), and loading key G finds it (by 3).
// So a lookup never misses G's published state and never returns another
// goroutine's.
//
// Hints. Because of 4, any location can cache a state. hints is a second
// array, indexed like cache, that holds no entries, only shortcuts: a
// goroutine whose slot is taken writes its own state into its hint after
// finding it in the map, overwriting whatever hint was there, and clears
// it (CAS) when it unpublishes. Nobody relies on a hint being present, so
// overwriting one is always safe; a reader trusts a hint only when its
// owner is the reader. This keeps lookups off the map while parked
// goroutines hold every slot, without any goroutine touching another's
// entry.
//
// A state's other fields belong to its owner alone: only the owner reads
// or writes them, so they need no synchronisation. The reclaimer reads
// none of them. Pooled states pass between owners through sync.Pool,
// which orders the previous owner's writes before the next owner's.
type state struct {
	owner atomic.Int64 // read by goroutines colliding in a slot

	base   *Frame
	ov     *[ovCap]pending // allocated on the first nested push
	exec   *Exec
	floor  uint8
	n      uint8
	pooled bool   // recycled through statePool when its scope ends
	depth  uint32 // scopes entered on st and not yet exited (Scope.Exit checks it)

	// top caches one entry of the current context, the one set last,
	// so that Get finds it without walking ov and base: while top is not
	// nil the context maps top.key to top.val. It points into ov (whose
	// array never moves) or into the base frame (immutable). Every change
	// of base, floor or n updates it (retop); a scope's end clears it, so
	// that it keeps no store alive. A pointer, not a copy of the entry,
	// keeps the state small: every goroutine holding a store has one.
	top    *entry
	inSlot bool // published in slotOf(owner)
	inMap  bool // published in states
}

var (
	cache [1 << cacheBits]atomic.Pointer[state]
	hints [1 << cacheBits]atomic.Pointer[state]
)

// slotIndex spreads consecutive ids (goroutines started together) over
// different cache lines, so that their CASes do not contend.
func slotIndex(id int64) int {
	return int((uint64(id) * 0x9e3779b97f4a7c15) >> (64 - cacheBits))
}

func slotOf(id int64) *atomic.Pointer[state] { return &cache[slotIndex(id)] }

func hintOf(id int64) *atomic.Pointer[state] { return &hints[slotIndex(id)] }

// states holds the states whose slot was taken when they were published.
// Goroutine ids are dense integers, so a multiplicative hash is enough
// and much cheaper than the default hasher.
var states = xsync.NewMapOfWithHasher[int64, *state](hashGoid)

func hashGoid(id int64, seed uint64) uint64 {
	h := (uint64(id) ^ seed) * 0x9e3779b97f4a7c15
	return h ^ (h >> 29)
}

// lookup returns the calling goroutine's id and state (nil if none).
func lookup() (int64, *state) {
	id := curGoid()
	if st := slotOf(id).Load(); st != nil && st.owner.Load() == id {
		return id, st
	}
	return id, lookupMiss(id)
}

// lookupMiss finds the state of id, the caller's own id, when its slot
// holds another goroutine's: in its hint, else in the map, after which it
// leaves the state in its hint for next time.
func lookupMiss(id int64) *state {
	h := hintOf(id)
	if st := h.Load(); st != nil && st.owner.Load() == id {
		return st
	}
	st, ok := states.Load(id)
	if !ok {
		return nil
	}
	h.Store(st)
	return st
}

// publish makes st the calling goroutine id's state: in its slot if the
// slot is free, else in the map.
func publish(id int64, st *state) *state {
	st.owner.Store(id) // rule 4: before anyone can find st
	if sl := slotOf(id); sl.Load() == nil && sl.CompareAndSwap(nil, st) {
		st.inSlot = true
		return st
	}
	st.inMap = true
	states.Store(id, st)
	return st
}

// unpublish removes the calling goroutine's state st from the table.
func unpublish(st *state) {
	id := st.owner.Load()
	if st.inSlot {
		slotOf(id).CompareAndSwap(st, nil) // always succeeds: rule 2
		st.inSlot = false
	}
	if st.inMap {
		states.Delete(id)
		hintOf(id).CompareAndSwap(st, nil) // not needed for correctness: frees st sooner
		st.inMap = false
	}
	st.owner.Store(0) // rule 4: after it is unreachable
}

// unpublishDead removes the state st of goroutine id, which the
// reclaimer has proven dead. It reads none of st's owner-only fields:
// those were written by a goroutine with no happens-before edge to here.
func unpublishDead(id int64, st *state) {
	slotOf(id).CompareAndSwap(st, nil)
	states.Compute(id, func(cur *state, loaded bool) (*state, bool) {
		return cur, !loaded || cur == st
	})
	hintOf(id).CompareAndSwap(st, nil)
	st.owner.Store(0)
}

// insert creates the calling goroutine's state, which must not exist.
func insert(id int64, f *Frame) *state {
	return publish(id, &state{base: f})
}

// statePool recycles the states of goroutines started by spawn, which end
// with their scope: spawning then costs one allocation less. A reader
// that loaded a recycled state from its slot before it was recycled
// compares owner, which is never the reader's own id (rule 4).
var statePool = sync.Pool{New: func() any { return &state{pooled: true} }}

// insertWith creates the calling goroutine's state with a frame holding
// only k=v. The first Run of a request lands here, so the state and its
// frame come in one allocation; a captured frame keeps the small state
// alive with it, which is cheaper than a second allocation every time.
func insertWith(id int64, k *Key, v Value) *state {
	p := &struct {
		st state
		f  frame1
	}{}
	p.f.a[0] = entry{key: k, val: v}
	p.f.f.entries = p.f.a[:1]
	p.st.base = &p.f.f
	p.st.top = &p.f.a[0]
	return publish(id, &p.st)
}

// Len reports how many goroutines hold a context entry now. Like
// Holders it walks the whole table, so it is for tests and diagnostics,
// not hot paths. In compiled mode (see Compiled) contexts live in the
// runtime, not here, and Len is always 0.
func Len() int { return len(Holders()) }

// Holders returns the ids of the goroutines that hold a context entry
// now, in no particular order; while goroutines come and go it is a
// close approximation. It reads only what the protocol lets any goroutine
// read: slots, owners and the map's keys. In compiled mode it is empty.
func Holders() []int64 {
	seen := make(map[int64]struct{})
	states.Range(func(id int64, _ *state) bool {
		seen[id] = struct{}{}
		return true
	})
	for i := range cache {
		if st := cache[i].Load(); st != nil {
			if id := st.owner.Load(); id != 0 {
				seen[id] = struct{}{}
			}
		}
	}
	ids := make([]int64, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	return ids
}
