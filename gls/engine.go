package gls

import (
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
// reads or writes frame and exec, so they need no synchronisation; the
// map that finds it is the only shared structure.
type state struct {
	frame *Frame
	exec  *Exec
}

// states maps goroutine id to that goroutine's state. Goroutine ids are
// dense small integers, so a multiplicative hash spreads them well and is
// much cheaper than the default string-oriented hasher.
var states = xsync.NewMapOfWithHasher[int64, *state](hashGoid)

func hashGoid(id int64, seed uint64) uint64 {
	h := (uint64(id) ^ seed) * 0x9e3779b97f4a7c15
	return h ^ (h >> 29)
}

func lookup() (int64, *state) {
	id := curGoid()
	st, _ := states.Load(id)
	return id, st
}

// Current returns the calling goroutine's frame; nil when it has none.
func Current() *Frame {
	if compiled {
		return rtFrame()
	}
	if _, st := lookup(); st != nil {
		return st.frame
	}
	return nil
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

// Scope remembers what Enter replaced. Exit puts it back. A Scope is a
// plain value so that entering and leaving allocates nothing.
type Scope struct {
	st    *state
	frame *Frame
	exec  *Exec
	id    int64
	fresh bool // Enter created the goroutine's entry, so Exit removes it
}

// Enter makes f the calling goroutine's frame, keeping its execution
// context, until the returned Scope's Exit. Call Exit on the same
// goroutine, normally with defer.
func Enter(f *Frame) Scope {
	if compiled {
		return rtEnter(f)
	}
	id, st := lookup()
	if st != nil {
		sc := Scope{st: st, frame: st.frame, exec: st.exec, id: id}
		st.frame = f
		return sc
	}
	st = &state{frame: f}
	states.Store(id, st)
	return Scope{st: st, id: id, fresh: true}
}

// Push makes the current frame with k set to v the calling goroutine's
// frame until the returned Scope's Exit. It is Enter(Current().With(k, v))
// with one goroutine lookup instead of two.
func Push(k *Key, v any) Scope {
	if compiled {
		return rtPush(k, v)
	}
	id, st := lookup()
	if st != nil {
		sc := Scope{st: st, frame: st.frame, exec: st.exec, id: id}
		st.frame = st.frame.With(k, v)
		return sc
	}
	st = &state{frame: (*Frame)(nil).With(k, v)}
	states.Store(id, st)
	return Scope{st: st, id: id, fresh: true}
}

// Hide makes the current frame without k the calling goroutine's frame
// until the returned Scope's Exit.
func Hide(k *Key) Scope {
	if compiled {
		return rtHide(k)
	}
	id, st := lookup()
	if st == nil {
		// Nothing to hide; an empty scope restores nothing.
		return Scope{}
	}
	sc := Scope{st: st, frame: st.frame, exec: st.exec, id: id}
	st.frame = st.frame.Without(k)
	return sc
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

// Exit restores the frame and execution context that Enter replaced, and
// forgets the goroutine entirely when Enter was the one that created it.
func (s Scope) Exit() {
	if s.st == nil {
		return
	}
	if compiled {
		rtExit(s)
		return
	}
	if s.fresh {
		s.st.frame, s.st.exec = nil, nil
		states.Delete(s.id)
		return
	}
	s.st.frame, s.st.exec = s.frame, s.exec
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
	if st != nil {
		st.frame = f
		return
	}
	st = &state{frame: f}
	states.Store(id, st)
	watch(id, st)
}

// Set sets k to v in the calling goroutine's frame like Replace, with one
// goroutine lookup.
func Set(k *Key, v any) {
	if compiled {
		rtSet(k, v)
		return
	}
	id, st := lookup()
	if st != nil {
		st.frame = st.frame.With(k, v)
		return
	}
	st = &state{frame: (*Frame)(nil).With(k, v)}
	states.Store(id, st)
	watch(id, st)
}

// Len reports how many goroutines hold a context entry now. In compiled
// mode (see Compiled) contexts live in the runtime, not in the map, and Len
// is always 0.
func Len() int { return states.Size() }
