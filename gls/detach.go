package gls

// Detached remembers what Detach took away from the calling goroutine.
// Exit puts it back.
type Detached struct {
	st    *state // the entry Detach unpublished; nil if there was none
	saved Scope  // st's fields, or the runtime slots in compiled mode
	on    bool   // Detach ran, so Exit has work to do
}

// Detach takes the calling goroutine out of every context until the
// returned Detached's Exit: no frame, the root execution context, and in
// the default mode no entry in the goroutine table at all, so that the
// goroutine counts as holding no context for Len and for Holds. Code run
// in between may set stores of its own; Exit drops them and restores the
// goroutine as it was. Call Exit on the same goroutine, normally with
// defer.
//
// Unpublishing, rather than installing an empty frame, is what lets
// Holds, which may only test another goroutine's entry for presence,
// tell a detached creator from one that holds a request's context.
func Detach() Detached {
	if compiled {
		return Detached{saved: rtEnterExec(nil, nil), on: true}
	}
	_, st := lookup()
	if st == nil {
		return Detached{on: true}
	}
	d := Detached{st: st, saved: st.save(), on: true}
	unpublish(st) // the goroutine's own entry: rules 1 to 4 hold
	return d
}

// Exit ends the detachment: it removes any entry the detached code left
// (an EnterWith outside any scope) and republishes the goroutine's entry
// as it was when Detach was called.
func (d Detached) Exit() {
	if !d.on {
		return
	}
	if compiled {
		rtExit(d.saved)
		return
	}
	id, cur := lookup()
	if cur != nil {
		// Made by Replace or Set inside the detached code, which had no
		// scope to end it. The reclaimer may still watch it; unpublishDead
		// only ever removes cur itself, so that is harmless.
		cur.base, cur.exec, cur.floor, cur.n = nil, nil, 0, 0
		unpublish(cur)
		cur.ov = nil
	}
	if st := d.st; st != nil {
		st.base, st.exec, st.floor, st.n = d.saved.base, d.saved.exec, d.saved.floor, d.saved.n
		publish(id, st)
	}
}
