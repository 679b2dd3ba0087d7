package gls

import "github.com/petermattis/goid"

// Reading a store is the goroutine id and a few loads, cheap only if the
// read is inlined into its caller: each call level more is a large part
// of the cost. Get cannot be inlined (the id reader alone uses most
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
	if st := cache[slotIndex(s.id)].Load(); st != nil && st.owner.Load() == s.id && s.id != 0 {
		if e := st.top; e != nil && e.key == k {
			return e.val, true
		}
	}
	return Value{}, false
}

// Get is [Get] for the goroutine s, the caller itself: what a caller of
// [Self.Top] asks when Top misses, without reading the id again.
func (s Self) Get(k *Key) (Value, bool) {
	if compiled || s.id == 0 {
		return Get(k) // the zero Self: the id comes from the slow reader
	}
	return s.get(k)
}

func (s Self) get(k *Key) (Value, bool) {
	st := slotOf(s.id).Load()
	if st == nil || st.owner.Load() != s.id {
		// The slot holds another goroutine's state: ours, if any, is
		// in the hint or the map.
		if st = lookupMiss(s.id); st == nil {
			return Value{}, false
		}
	}
	if e := st.top; e != nil && e.key == k {
		return e.val, true
	}
	for i := int(st.n) - 1; i >= int(st.floor); i-- {
		if p := &st.ov[i]; p.key == k {
			return p.val, !p.hide
		}
	}
	return st.base.Get(k)
}
