package gls

import "github.com/petermattis/goid"

// Reading a store costs little more than reading the goroutine id, but
// only if the read is inlined into its caller: a call level more is a
// third of the cost. Get cannot be inlined (the id reader alone uses most
// of the compiler's budget), so the common case is split in two pieces
// that can: Me reads the id, and Self.Top looks in the goroutine's slot
// for the entry its innermost scope set (see the top cache in state).

// Self is the calling goroutine as the goroutine table knows it, for a
// fast read with [Self.Top]. A Self is valid only on the goroutine that
// called [Me]: it must not be stored or passed to another goroutine.
// The zero Self is nobody's; its Top always misses.
type Self struct{ id int64 }

// Me returns the calling goroutine's [Self]. When the fast id reader
// failed its start-up check (see [FastGoid]) it returns the zero Self,
// which leaves every read to [Get].
func Me() Self {
	if !compiled && fastGoid {
		return Self{goid.Get()}
	}
	return Self{}
}

// Top returns the value of k when k is the innermost entry of s's
// context, the common case of a read below a scope. Otherwise it reports
// false and the caller asks [Get], which knows every entry. Top reads
// only the slot and what the table's protocol lets s read of its own
// state there: a state whose owner is s.
func (s Self) Top(k *Key) (Value, bool) {
	if compiled {
		return peek(k) // the frame in the runtime caches its hot entry
	}
	if st := cache[slotIndex(s.id)].Load(); st != nil && st.owner.Load() == s.id && s.id != 0 && st.topKey == k {
		return st.top, true
	}
	return Value{}, false
}
