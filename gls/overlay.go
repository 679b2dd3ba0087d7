package gls

// Nested scopes push a pending change onto the goroutine's state instead
// of building a frame, so a nested Push allocates nothing. The context is
// base with the pending entries ov[floor:n] applied on top, in order; an
// immutable frame is built only when someone captures the context, and
// cached per level.

const ovCap = 8

// pending is one scope's change to the context: k set to val, or k hidden.
type pending struct {
	entry
	hide bool
	mat  *Frame // base + ov[floor:this+1], once someone needed it
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

// retop points the top cache (see state) at the innermost entry of the
// context: the last pending level, or the base frame's last entry.
func (st *state) retop() {
	if st.n > st.floor {
		if p := &st.ov[st.n-1]; !p.hide {
			st.top = &p.entry
			return
		}
	} else if f := st.base; f != nil && f.big == nil && len(f.entries) > 0 {
		e := &f.entries[len(f.entries)-1]
		st.top = e
		return
	}
	st.top = nil
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
	sc.m.pushed = true
	return sc
}
