package gls

import "unsafe"

// Compiled mode recycles the frames nested scopes build. A go statement
// copies the creator's frame pointer into the child, so the frame of every
// scope must exist as a real Frame (default mode's overlay has nothing to
// copy), and building one per Run would allocate every time. Instead a
// goroutine takes frames from its own free list (runtime.g's alsFree slot)
// and gives them back when the scope exits, unless someone else may still
// hold them.
//
// Who may hold a frame is its state, the word at offset 0 of every Frame:
//
//   - frameShared (0): anyone may hold it. Every frame not built here is
//     shared from birth (the zero value), and a frame never leaves this
//     state: nothing below ever writes a non-zero state into a frame that
//     is shared.
//   - frameOwned (1): a box (below) that rtWith filled for the calling
//     goroutine, its owner. Only the owner can reach it: through its
//     frame slot or through the base of a Scope on its own stack.
//   - frameFree (2): a box on its owner's free list.
//
// Writers, and when:
//
//   - the owner, in rtWith (free -> owned, or a new box -> owned), in
//     rtExit (owned -> free) and in rtShare (owned/free -> shared), which
//     gls.Current and gls.Capture call before handing the pointer out;
//   - the patched runtime, as runtime.als_share (owned/free -> shared): in
//     newproc1 on the frame in the slot of callergp, the goroutine running
//     the go statement, before the child exists; and in als_getframe,
//     which package time calls to bind an AfterFunc callback to the frame.
//     Both run on the owner's thread, during a call the owner made. The
//     runtime writes only when the state is not zero, so a shared frame,
//     which other goroutines may read, is never written again.
//
// So only the owner's own thread ever writes the state of a frame that is
// not shared, and every way a pointer can reach another goroutine or
// outlive the owner's scopes (a go statement, a capture, a timer) makes it
// shared first, on that thread, before the pointer is copied. A reader may
// therefore assume: a frame whose state is owned, read by the goroutine in
// whose slot it is, is reachable by nobody else, and its entries can be
// rewritten once no Scope of that goroutine can put it back. Another
// goroutine only ever sees shared frames, whose entries never change: they
// were written before the go statement or capture that handed them over.
//
// When may a scope's exit recycle the frame in the slot? Scopes are left
// in the reverse order they were entered (Exit is deferred). A frame in
// the slot at Exit that is not the scope's own base was installed during
// the scope (by a Push, Set or Replace, or by an inner scope's exit);
// scopes still open further out saved frames installed before this scope
// began, so none of them can put it back. It is dropped from the slot
// now, so if it is owned, nobody can reach it any more and it goes to the
// free list. The frame in the slot at Exit may be the scope's own base
// (a Hide of an absent key changes nothing): that one is put back, never
// recycled. Set and Replace, which change the frame with no scope of their
// own, never recycle what they replace, since an open scope's base may be
// that frame; only Push builds owned frames (Set and Hide build shared
// ones with Frame.With and Frame.Without).
//
// Exits out of that order are a programmer error, which may then give a
// goroutine wrong values, as in default mode, but never another
// goroutine's: a frame can be restored into the slot after it was freed,
// yet it is shared the moment a go statement or capture sees it, and
// rtTake drops any box that is not free any more instead of reusing it.

const (
	frameShared = 0
	frameOwned  = 1
	frameFree   = 2
)

// freeMax bounds a goroutine's free list: frames beyond it are left to the
// garbage collector, so that a deep recursion of scopes does not keep its
// frames for the rest of the goroutine's life.
const freeMax = 8

// rtBox is a recyclable array frame: the Frame first, so that a *Frame in
// the owned or free state converts back to its box, and the entries inline
// after it, in one of four sizes (rtBox1 to rtBox8).
type rtBox struct {
	f    Frame
	next *rtBox // the next free box
	n    int    // free boxes from this one on, this one included
}

type (
	rtBox1 struct {
		b rtBox
		a [1]entry
	}
	rtBox2 struct {
		b rtBox
		a [2]entry
	}
	rtBox4 struct {
		b rtBox
		a [4]entry
	}
	rtBox8 struct {
		b rtBox
		a [smallMax]entry
	}
)

// newBox returns an empty box with room for n entries.
func newBox(n int) *rtBox {
	switch {
	case n <= 1:
		p := new(rtBox1)
		p.b.f.entries = p.a[:0]
		return &p.b
	case n <= 2:
		p := new(rtBox2)
		p.b.f.entries = p.a[:0]
		return &p.b
	case n <= 4:
		p := new(rtBox4)
		p.b.f.entries = p.a[:0]
		return &p.b
	default:
		p := new(rtBox8)
		p.b.f.entries = p.a[:0]
		return &p.b
	}
}

// rtTake returns an empty box with room for n entries: the head of the
// calling goroutine's free list when it is free and large enough, a new
// one otherwise.
func rtTake(n int) *rtBox {
	b := rtFree()
	if b == nil || cap(b.f.entries) < n {
		return newBox(n)
	}
	rtSetFree(b.next)
	b.next, b.n = nil, 0
	if frameState(&b.f) != frameFree {
		// Restored into the slot by an exit out of order and shared or
		// owned since: it is not ours to reuse.
		return newBox(n)
	}
	return b
}

// rtRecycle puts the owned frame f, no longer reachable, on the calling
// goroutine's free list.
func rtRecycle(f *Frame) {
	b := (*rtBox)(unsafe.Pointer(f))
	clear(b.f.entries) // the values must not live on in a free box
	b.f.entries = b.f.entries[:0]
	setFrameHot(f, nil)
	head := rtFree()
	n := 1
	if head != nil {
		if n = head.n + 1; n > freeMax {
			return
		}
	}
	setFrameState(f, frameFree)
	b.next, b.n = head, n
	rtSetFree(b)
}

// rtWith returns old with k set to v, like old.With, in an owned box when
// old is an array frame and the result fits one.
func rtWith(old *Frame, k *Key, v Value) *Frame {
	var es []entry
	if old != nil {
		if old.big != nil {
			return old.With(k, v)
		}
		es = old.entries
	}
	if len(es) >= smallMax {
		return old.With(k, v) // may need a trie; not worth a box
	}
	b := rtTake(len(es) + 1)
	dst := b.f.entries[:cap(b.f.entries)]
	j := 0
	for i := range es {
		if e := &es[i]; e.key != k && !e.key.retired.Load() {
			dst[j] = *e
			j++
		}
	}
	dst[j] = entry{key: k, val: v}
	b.f.entries = dst[:j+1]
	setFrameHot(&b.f, &dst[j])
	setFrameState(&b.f, frameOwned)
	return &b.f
}

// rtShare returns the calling goroutine's frame for keeping: it can reach
// other goroutines now, so it is never recycled.
func rtShare() *Frame {
	f := rtFrame()
	if f != nil && frameState(f) != frameShared {
		setFrameState(f, frameShared)
	}
	return f
}

// peek is [Self.Top] in compiled mode: when k is the key the calling
// goroutine's innermost Run set, it returns k's value with no call at
// all (a load through the g register, one compare, the value).
func peek(k *Key) (v Value, ok bool) {
	if f := rtFrame(); f != nil {
		if e := frameHot(f); e != nil && e.key == k {
			return e.val, true
		}
	}
	return Value{}, false
}

// rtGet is Get in compiled mode: peek, then the whole frame.
func rtGet(k *Key) (Value, bool) {
	if v, ok := peek(k); ok {
		return v, true
	}
	return rtFrame().Get(k)
}
