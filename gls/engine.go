package gls

import (
	"sync/atomic"

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
	goid     int64
	floor, n uint8
}

const ovCap = 8

// pending is one scope's change to the context: k set to val, or k hidden.
type pending struct {
	key  *Key
	val  any
	hide bool
	mat  *Frame // base + ov[floor:this+1], once someone needed it
}

// states maps goroutine id to that goroutine's state. Goroutine ids are
// dense small integers, so a multiplicative hash spreads them well and is
// much cheaper than the default hasher.
var states = xsync.NewMapOfWithHasher[int64, *state](hashGoid)

func hashGoid(id int64, seed uint64) uint64 {
	h := (uint64(id) ^ seed) * 0x9e3779b97f4a7c15
	return h ^ (h >> 29)
}

// cache is a direct-mapped front for states: slot goid%cacheSize holds the
// state of the goroutine that last claimed it. A hit costs one load and a
// compare instead of a hash-map probe; goroutine ids are never reused, so
// a state whose goid matches is certainly the caller's. Misses fall back
// to the map and refill the slot.
const cacheSize = 1 << 13

var cache [cacheSize]atomic.Pointer[state]

func slot(id int64) *atomic.Pointer[state] { return &cache[uint64(id)%cacheSize] }

// lookup returns the calling goroutine's id and state (nil if none).
func lookup() (int64, *state) {
	id := curGoid()
	if st := cache[uint64(id)%cacheSize].Load(); st != nil && st.goid == id {
		return id, st
	}
	return id, lookupMiss(id)
}

func lookupMiss(id int64) *state {
	st, ok := states.Load(id)
	if ok {
		slot(id).Store(st)
	}
	return st
}

// insert creates the calling goroutine's entry, which must not exist.
func insert(id int64, f *Frame) *state {
	st := &state{base: f, goid: id}
	states.Store(id, st)
	slot(id).Store(st)
	return st
}

// remove deletes goroutine id's entry st.
func remove(id int64, st *state) {
	slot(id).CompareAndSwap(st, nil)
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

// get is frame().Get(k) without building anything.
func (st *state) get(k *Key) (any, bool) {
	for i := int(st.n) - 1; i >= int(st.floor); i-- {
		if p := &st.ov[i]; p.key == k {
			return p.val, !p.hide
		}
	}
	return st.base.Get(k)
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
	if _, st := lookup(); st != nil {
		return st.get(k)
	}
	return nil, false
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
	id       int64
	floor, n uint8
	pushed   bool // the scope wrote ov[n], which Exit clears
	fresh    bool // the scope created the goroutine's entry; Exit removes it
}

func (st *state) save(id int64) Scope {
	return Scope{st: st, base: st.base, exec: st.exec, id: id, floor: st.floor, n: st.n}
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
		return Scope{st: insert(id, f), id: id, fresh: true}
	}
	sc := st.save(id)
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
	return Scope{st: insert(id, f), id: id, fresh: true}
}

// EnterExec is Enter that also installs the execution context e.
func EnterExec(f *Frame, e *Exec) Scope {
	if compiled {
		return rtEnterExec(f, e)
	}
	sc := Enter(f)
	sc.st.exec = e
	return sc
}

// Push sets k to v in the calling goroutine's context until the returned
// Scope's Exit. Inside an existing context it allocates nothing.
func Push(k *Key, v any) Scope {
	if compiled {
		return rtPush(k, v)
	}
	id, st := lookup()
	if st == nil {
		return Scope{st: insert(id, (*Frame)(nil).With(k, v)), id: id, fresh: true}
	}
	return st.push(id, pending{key: k, val: v})
}

// Hide removes k from the calling goroutine's context until the returned
// Scope's Exit.
func Hide(k *Key) Scope {
	if compiled {
		return rtHide(k)
	}
	id, st := lookup()
	if st == nil {
		return Scope{} // nothing to hide; Exit restores nothing
	}
	return st.push(id, pending{key: k, hide: true})
}

func (st *state) push(id int64, p pending) Scope {
	sc := st.save(id)
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
		*st = state{goid: st.goid}
		remove(s.id, st)
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
		watch(id, insert(id, (*Frame)(nil).With(k, v)))
		return
	}
	st.base, st.floor = st.frame().With(k, v), st.n
}

// Len reports how many goroutines hold a context entry now. In compiled
// mode (see Compiled) contexts live in the runtime, not in the map, and Len
// is always 0.
func Len() int { return states.Size() }
