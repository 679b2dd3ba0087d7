package gls

import "errors"

// ErrScopeExit reports a [Scope.Exit] out of order: a scope ended twice,
// before a scope inside it, or on another goroutine.
var ErrScopeExit = errors.New("gls: Scope.Exit out of order (twice, before an inner scope, or on another goroutine)")

// Exec is the async-hooks execution context of a goroutine: the resource
// whose callback runs now. A nil *Exec means the goroutine's root context.
// Like a Frame it is immutable once installed.
type Exec struct {
	AsyncID        uint64
	TriggerAsyncID uint64
	Resource       any
}

// Current returns the calling goroutine's frame; nil when it has none.
func Current() *Frame {
	if compiled {
		return rtShare()
	}
	if _, st := lookup(); st != nil {
		return st.frame()
	}
	return nil
}

// Get returns the value of k in the calling goroutine's context. It is
// Current().Get(k) without building a frame. A hot caller tries
// [Me]().[Self.Top] first, which it can inline, and then [Self.Get].
func Get(k *Key) (Value, bool) {
	if compiled {
		return rtGet(k)
	}
	return Self{curGoid()}.get(k)
}

// Capture returns the calling goroutine's frame and execution context,
// with one lookup: what a resource keeps to run code there later.
func Capture() (*Frame, *Exec) {
	if compiled {
		return rtShare(), rtExec()
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
	st   *state
	base *Frame
	exec *Exec
	m    scopeMeta
}

// scopeMeta keeps Scope at four fields and 32 bytes, the most the
// compiler keeps in registers: a larger Scope is copied through memory at
// every return and defer, and those copies of just-written bytes stall
// the CPU (store forwarding). That made nested Run 2.6 times slower.
type scopeMeta struct {
	pos    position
	pushed bool   // the scope wrote ov[n], which Exit clears
	fresh  bool   // the scope created the goroutine's entry; Exit removes it
	depth  uint32 // st.depth while this scope is the innermost
}

// position is where a scope found the pending stack: st.floor and st.n.
type position struct{ floor, n uint8 }

func (st *state) save() Scope {
	st.depth++
	return Scope{st: st, base: st.base, exec: st.exec, m: scopeMeta{pos: position{st.floor, st.n}, depth: st.depth}}
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
		return Scope{st: insert(id, f), m: scopeMeta{fresh: true}}
	}
	sc := st.save()
	st.base, st.floor = f, st.n
	st.retop()
	return sc
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
		return Scope{st: st, m: scopeMeta{fresh: true}}
	}
	// Built once as the result, like Push: patching a returned Scope
	// stalls on the copy.
	base, exec, floor, n := st.base, st.exec, st.floor, st.n
	st.base, st.exec, st.floor = f, e, n
	st.retop()
	st.depth++
	return Scope{st: st, base: base, exec: exec, m: scopeMeta{pos: position{floor, n}, depth: st.depth}}
}

// Push sets k to v in the calling goroutine's context until the returned
// Scope's Exit. Inside an existing context it allocates nothing.
func Push(k *Key, v Value) Scope {
	if compiled {
		return rtPush(k, v)
	}
	id, st := lookup()
	if st == nil {
		return Scope{st: insertWith(id, k, v), m: scopeMeta{fresh: true}}
	}
	// The common case written out: the Scope is built once, as the result,
	// because copying a just-written struct through calls stalls the CPU.
	if n := st.n; n < ovCap && st.ov != nil {
		st.ov[n] = pending{entry: entry{key: k, val: v}}
		st.n = n + 1
		st.top = &st.ov[n].entry
		st.depth++
		return Scope{st: st, base: st.base, exec: st.exec, m: scopeMeta{pos: position{st.floor, n}, pushed: true, depth: st.depth}}
	}
	sc := st.push(pending{entry: entry{key: k, val: v}})
	st.retop()
	return sc
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
	sc := st.push(pending{entry: entry{key: k}, hide: true})
	st.retop()
	return sc
}

// Exit restores the context and execution context the scope replaced,
// and forgets the goroutine entirely when the scope created its entry.
// Scopes end innermost first, each once, on the goroutine that made
// them; Exit panics with [ErrScopeExit] otherwise, since restoring a
// context out of order would hand the goroutine one it never entered. In
// compiled mode (see [Compiled]) the order is not checked, and a wrong
// one may lose values but never changes a frame another goroutine reads.
func (s Scope) Exit() {
	st := s.st
	if st == nil {
		return
	}
	if compiled {
		rtExit(s.base, s.exec)
		return
	}
	if s.m.fresh {
		// A second Exit finds st unpublished (owner 0) or recycled by
		// another goroutine: either way not owned by the caller.
		if st.owner.Load() != curGoid() || st.depth != 0 {
			panic(ErrScopeExit)
		}
		// Other goroutines colliding in the slot may be reading owner right
		// now; unpublish resets it only after st is unreachable.
		st.base, st.exec, st.floor, st.n = nil, nil, 0, 0
		st.top = nil
		unpublish(st)
		if st.pooled {
			statePool.Put(st) // keeps its ov array, whose slots are clear
		} else {
			st.ov = nil
		}
		return
	}
	if st.depth != s.m.depth {
		panic(ErrScopeExit)
	}
	st.depth--
	if s.m.pushed {
		st.ov[s.m.pos.n] = pending{} // drop the references the slot holds
	}
	st.base, st.exec, st.floor, st.n = s.base, s.exec, s.m.pos.floor, s.m.pos.n
	st.retop()
}

// Set sets k to v in the calling goroutine's context with no scope to end
// it: it holds until an enclosing Scope exits or, outside any scope,
// until the goroutine ends, after which the entry is reclaimed by a
// background sweep.
func Set(k *Key, v Value) {
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
	st.retop()
}
