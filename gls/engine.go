package gls

import (
	"sync"
	"sync/atomic"

	"github.com/petermattis/goid"
	"github.com/puzpuzpuz/xsync/v3"
)

// Exec is the async-hooks execution context of a goroutine: the resource
// whose callback runs now. A nil *Exec means the goroutine's root context.
// Like a Frame it is immutable once installed.
type Exec struct {
	AsyncID   uint64
	TriggerID uint64
	Resource  any
}

// state is the one mutable record per goroutine. Only its own goroutine
// reads or writes it (goid aside, which never changes), so it needs no
// synchronisation; the map that finds it is the only shared structure.
//
// The goroutine's context is base with the pending entries ov[floor:n]
// applied on top, in order. Nested scopes push pending entries instead of
// building frames, so a nested Run allocates nothing; an immutable frame
// is built only when someone captures the context, and cached per level.
type state struct {
	base     *Frame
	ov       *[ovCap]pending // allocated on the first nested push
	exec     *Exec
	floor, n uint8
	pooled   bool // recycled through statePool when its scope ends
	// where is goid<<2 | location (locSlot, locMap or locGone). Other
	// goroutines read it through cache and may move the state from its
	// slot into the map, so it is atomic; the goid in it makes every CAS
	// on it fail for a state recycled to another goroutine since.
	where atomic.Uint64
}

const (
	locSlot uint64 = iota // in its cache slot only
	locMap                // in states (and maybe still in a slot, as a cache)
	locGone               // removed
)

func at(id int64, loc uint64) uint64 { return uint64(id)<<2 | loc }

// owns reports whether st is goroutine id's state.
func (st *state) owns(id int64) bool { return st.where.Load()>>2 == uint64(id) }

const ovCap = 8

// pending is one scope's change to the context: k set to val, or k hidden.
type pending struct {
	key  *Key
	val  any
	hide bool
	mat  *Frame // base + ov[floor:this+1], once someone needed it
}

// Where a goroutine's state lives. Most goroutines claim a slot of cache,
// a direct-mapped table indexed by a hash of the goroutine id, with one
// CAS, so starting and ending a context writes no map and a lookup is one
// load and a compare. A goroutine whose slot is taken goes to states, a
// concurrent map. A goroutine that misses its slot takes it over, so that
// the goroutines doing lookups own the slots even when a million others
// hold contexts; an occupant that lives only in the slot is first moved
// into the map, so that its own lookups never miss it. Goroutine ids are
// never reused, so a state whose id matches is the caller's.
const cacheBits = 13

var cache [1 << cacheBits]atomic.Pointer[state]

// slotOf spreads consecutive ids (goroutines started together) over
// different cache lines, so that their CASes do not contend.
func slotOf(id int64) *atomic.Pointer[state] {
	return &cache[(uint64(id)*0x9e3779b97f4a7c15)>>(64-cacheBits)]
}

// states holds the states that found their slot taken. Goroutine ids are
// dense integers, so a multiplicative hash is enough and much cheaper than
// the default hasher.
var states = xsync.NewMapOfWithHasher[int64, *state](hashGoid)

func hashGoid(id int64, seed uint64) uint64 {
	h := (uint64(id) ^ seed) * 0x9e3779b97f4a7c15
	return h ^ (h >> 29)
}

// lookup returns the calling goroutine's id and state (nil if none).
func lookup() (int64, *state) {
	id := curGoid()
	if st := slotOf(id).Load(); st != nil && st.owns(id) {
		return id, st
	}
	return id, lookupMiss(id)
}

// lookupMiss finds id's state in the map and takes over its slot, so that
// the next lookup hits.
func lookupMiss(id int64) *state {
	st, ok := states.Load(id)
	if !ok {
		return nil
	}
	sl := slotOf(id)
	occ := sl.Load()
	if occ != nil {
		w := occ.where.Load()
		if w&3 == locSlot && !evict(occ, w) {
			return st // the occupant just ended or moved; try next time
		}
	}
	sl.CompareAndSwap(occ, st)
	return st
}

// evict moves occ, whose where word was w, from its slot into the map.
// The map entry comes first, so occ's owner finds its state throughout.
func evict(occ *state, w uint64) bool {
	oid := int64(w >> 2)
	states.Store(oid, occ)
	if occ.where.CompareAndSwap(w, at(oid, locMap)) {
		return true
	}
	// The owner removed occ (or it was recycled) meanwhile: take back the
	// entry just made, unless something else replaced it.
	states.Compute(oid, func(cur *state, loaded bool) (*state, bool) {
		return cur, !loaded || cur == occ
	})
	return false
}

// insert creates the calling goroutine's state, which must not exist.
func insert(id int64, f *Frame) *state {
	return publish(id, &state{base: f})
}

// statePool recycles the states of goroutines started by spawn, which end
// with their scope: spawning then costs one allocation less. A reader that
// still holds a recycled state from a cache slot compares its goid, which
// never matches the reader's own id, so it just misses.
var statePool = sync.Pool{New: func() any { return &state{pooled: true} }}

// insertWith creates the calling goroutine's state with a frame holding
// only k=v. The first Run of a request lands here, so the state and its
// frame come in one allocation; a captured frame keeps the small state
// alive with it, which is cheaper than a second allocation every time.
func insertWith(id int64, k *Key, v any) *state {
	p := &struct {
		st state
		f  frame1
	}{}
	p.f.a[0] = entry{key: k, val: v}
	p.f.f.entries = p.f.a[:1]
	p.st.base = &p.f.f
	return publish(id, &p.st)
}

// publish makes st goroutine id's state: in its slot if free, else in the
// map.
func publish(id int64, st *state) *state {
	sl := slotOf(id)
	if sl.Load() == nil {
		st.where.Store(at(id, locSlot))
		if sl.CompareAndSwap(nil, st) {
			return st
		}
	}
	st.where.Store(at(id, locMap)) // before the map publishes it
	states.Store(id, st)
	return st
}

// remove deletes goroutine id's state st from wherever it lives.
func remove(id int64, st *state) {
	w := at(id, locSlot)
	if st.where.CompareAndSwap(w, at(id, locGone)) {
		slotOf(id).CompareAndSwap(st, nil)
		return
	}
	// In the map, born there or moved by evict; maybe cached in a slot.
	st.where.Store(at(id, locGone))
	slotOf(id).CompareAndSwap(st, nil)
	states.Delete(id)
}

// frame returns st's context as an immutable frame, building and caching
// the frames of pending levels that nobody has needed yet.
func (st *state) frame() *Frame {
	if st.floor == st.n {
		return st.base
	}
	i := int(st.n) - 1
	for i >= int(st.floor) && st.ov[i].mat == nil {
		i--
	}
	f := st.base
	if i >= int(st.floor) {
		f = st.ov[i].mat
	}
	for j := i + 1; j < int(st.n); j++ {
		p := &st.ov[j]
		if p.hide {
			f = f.Without(p.key)
		} else {
			f = f.With(p.key, p.val)
		}
		p.mat = f
	}
	return f
}

// Current returns the calling goroutine's frame; nil when it has none.
func Current() *Frame {
	if compiled {
		return rtFrame()
	}
	if _, st := lookup(); st != nil {
		return st.frame()
	}
	return nil
}

// Get returns the value of k in the calling goroutine's context. It is
// Current().Get(k) without building a frame.
func Get(k *Key) (any, bool) {
	if compiled {
		return rtFrame().Get(k)
	}
	// lookup and get written out by hand: this is GetStore's whole cost.
	var id int64
	if fastGoid {
		id = goid.Get()
	} else {
		id = stackGoid()
	}
	st := slotOf(id).Load()
	if st == nil || !st.owns(id) {
		if st = lookupMiss(id); st == nil {
			return nil, false
		}
	}
	for i := int(st.n) - 1; i >= int(st.floor); i-- {
		if p := &st.ov[i]; p.key == k {
			return p.val, !p.hide
		}
	}
	if f := st.base; f != nil {
		for i := range f.entries {
			if f.entries[i].key == k {
				return f.entries[i].val, true
			}
		}
	}
	return nil, false
}

// Capture returns the calling goroutine's frame and execution context,
// with one lookup: what a resource keeps to run code there later.
func Capture() (*Frame, *Exec) {
	if compiled {
		return rtFrame(), rtExec()
	}
	if _, st := lookup(); st != nil {
		return st.frame(), st.exec
	}
	return nil, nil
}

// CurrentExec returns the calling goroutine's execution context; nil when
// it runs in its root context.
func CurrentExec() *Exec {
	if compiled {
		return rtExec()
	}
	if _, st := lookup(); st != nil {
		return st.exec
	}
	return nil
}

// Scope remembers what a scope replaced. Exit puts it back. A Scope is a
// plain value so that entering and leaving allocates nothing.
type Scope struct {
	st       *state
	base     *Frame
	exec     *Exec
	floor, n uint8
	pushed   bool // the scope wrote ov[n], which Exit clears
	fresh    bool // the scope created the goroutine's entry; Exit removes it
}

func (st *state) save() Scope {
	return Scope{st: st, base: st.base, exec: st.exec, floor: st.floor, n: st.n}
}

// Enter makes f the calling goroutine's frame, keeping its execution
// context, until the returned Scope's Exit. Call Exit on the same
// goroutine, normally with defer.
func Enter(f *Frame) Scope {
	if compiled {
		return rtEnter(f)
	}
	id, st := lookup()
	if st == nil {
		return Scope{st: insert(id, f), fresh: true}
	}
	sc := st.save()
	st.base, st.floor = f, st.n
	return sc
}

// EnterNew is Enter for a goroutine that has just started and so cannot
// have an entry yet: it skips the lookup that would miss.
func EnterNew(f *Frame) Scope {
	if compiled {
		return rtEnter(f)
	}
	id := curGoid()
	st := statePool.Get().(*state)
	st.base = f
	return Scope{st: publish(id, st), fresh: true}
}

// EnterExec is Enter that also installs the execution context e.
func EnterExec(f *Frame, e *Exec) Scope {
	if compiled {
		return rtEnterExec(f, e)
	}
	id, st := lookup()
	if st == nil {
		st = insert(id, f)
		st.exec = e
		return Scope{st: st, fresh: true}
	}
	// Built once as the result, like Push: patching a returned Scope
	// stalls on the copy.
	base, exec, floor, n := st.base, st.exec, st.floor, st.n
	st.base, st.exec, st.floor = f, e, n
	return Scope{st: st, base: base, exec: exec, floor: floor, n: n}
}

// Push sets k to v in the calling goroutine's context until the returned
// Scope's Exit. Inside an existing context it allocates nothing.
func Push(k *Key, v any) Scope {
	if compiled {
		return rtPush(k, v)
	}
	id, st := lookup()
	if st == nil {
		return Scope{st: insertWith(id, k, v), fresh: true}
	}
	// The common case written out: the Scope is built once, as the result,
	// because copying a just-written struct through calls stalls the CPU.
	if n := st.n; n < ovCap && st.ov != nil {
		st.ov[n] = pending{key: k, val: v}
		st.n = n + 1
		return Scope{st: st, base: st.base, exec: st.exec, floor: st.floor, n: n, pushed: true}
	}
	return st.push(pending{key: k, val: v})
}

// Hide removes k from the calling goroutine's context until the returned
// Scope's Exit.
func Hide(k *Key) Scope {
	if compiled {
		return rtHide(k)
	}
	_, st := lookup()
	if st == nil {
		return Scope{} // nothing to hide; Exit restores nothing
	}
	return st.push(pending{key: k, hide: true})
}

func (st *state) push(p pending) Scope {
	sc := st.save()
	if st.n == ovCap {
		// Deep nesting: fold everything into a new base instead.
		f := st.frame()
		if p.hide {
			f = f.Without(p.key)
		} else {
			f = f.With(p.key, p.val)
		}
		st.base, st.floor = f, st.n
		return sc
	}
	if st.ov == nil {
		st.ov = new([ovCap]pending)
	}
	st.ov[st.n] = p
	st.n++
	sc.pushed = true
	return sc
}

// Exit restores the context and execution context the scope replaced,
// and forgets the goroutine entirely when the scope created its entry.
func (s Scope) Exit() {
	st := s.st
	if st == nil {
		return
	}
	if compiled {
		rtExit(s)
		return
	}
	if s.fresh {
		// Clear only what the owner uses: other goroutines may be reading
		// where through the cache right now.
		st.base, st.exec, st.floor, st.n = nil, nil, 0, 0
		remove(int64(st.where.Load()>>2), st)
		if st.pooled {
			statePool.Put(st) // keeps its ov array, whose slots are clear
		} else {
			st.ov = nil
		}
		return
	}
	if s.pushed {
		st.ov[s.n] = pending{} // drop the references the slot holds
	}
	st.base, st.exec, st.floor, st.n = s.base, s.exec, s.floor, s.n
}

// Replace makes f the calling goroutine's frame with no scope to end it:
// it holds until an enclosing Scope exits or, outside any scope, until the
// goroutine ends, after which the entry is reclaimed by a background sweep.
func Replace(f *Frame) {
	if compiled {
		rtSetFrame(f)
		return
	}
	id, st := lookup()
	if st == nil {
		watch(id, insert(id, f))
		return
	}
	st.base, st.floor = f, st.n
}

// Set sets k to v in the calling goroutine's context like Replace.
func Set(k *Key, v any) {
	if compiled {
		rtSet(k, v)
		return
	}
	id, st := lookup()
	if st == nil {
		watch(id, insertWith(id, k, v))
		return
	}
	st.base, st.floor = st.frame().With(k, v), st.n
}

// Len reports how many goroutines hold a context entry now. It walks the
// whole cache, so it is for tests and diagnostics, not hot paths. In
// compiled mode (see Compiled) contexts live in the runtime, not here, and
// Len is always 0.
func Len() int {
	n := states.Size()
	for i := range cache {
		if st := cache[i].Load(); st != nil && st.where.Load()&3 == locSlot {
			n++
		}
	}
	return n
}
