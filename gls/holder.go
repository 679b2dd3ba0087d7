package gls

// Holds reports whether goroutine id holds a context entry now. It may
// be called for any goroutine, and it reads what a colliding lookup
// reads: the slot's and hint's state pointer and that state's owner, and
// the map's key id. By rule 4 of table.go a state whose owner is id is
// id's published state wherever it is found, and by rule 3 key id is in
// the map only while id's state is. It never reads another goroutine's
// frame or other owner-only fields, so it says whether the goroutine
// holds a context, never which stores. The answer can be stale by the time the
// caller acts on it; it is meant for diagnostics such as the context-loss
// detector. In compiled mode contexts live in the runtime, where no other
// goroutine's can be seen, and Holds reports false.
func Holds(id int64) bool {
	if compiled || id <= 0 {
		return false
	}
	if st := slotOf(id).Load(); st != nil && st.owner.Load() == id {
		return true
	}
	if st := hintOf(id).Load(); st != nil && st.owner.Load() == id {
		return true
	}
	_, ok := states.Load(id)
	return ok
}

// GoroutineID returns the calling goroutine's id, as the engine reads it.
func GoroutineID() int64 { return curGoid() }
