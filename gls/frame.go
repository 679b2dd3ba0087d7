package gls

// Key identifies one storage's slot in a frame. Keys are compared by
// pointer, so each NewKey call yields a slot no other key can read.
type Key struct {
	// name is only for debugging; a non-zero size also guarantees that two
	// keys never share an address.
	name string
}

// NewKey returns a fresh key. The name is used in debug output only.
func NewKey(name string) *Key { return &Key{name: name} }

// String returns the key's debug name.
func (k *Key) String() string { return k.name }

type entry struct {
	key *Key
	val any
}

// Frame is an immutable map from keys to values: the whole context a
// goroutine runs in. A nil *Frame is the empty frame. Frames are never
// changed after construction, so capturing one is copying a pointer.
type Frame struct {
	entries []entry
}

// Len reports how many keys the frame holds.
func (f *Frame) Len() int {
	if f == nil {
		return 0
	}
	return len(f.entries)
}

// Get returns the value stored under k.
func (f *Frame) Get(k *Key) (any, bool) {
	if f == nil {
		return nil, false
	}
	for i := range f.entries {
		if f.entries[i].key == k {
			return f.entries[i].val, true
		}
	}
	return nil, false
}

// With returns a frame equal to f except that k maps to v.
func (f *Frame) With(k *Key, v any) *Frame {
	n := f.Len()
	at := n
	for i := 0; i < n; i++ {
		if f.entries[i].key == k {
			at = i
			break
		}
	}
	size := n
	if at == n {
		size++
	}
	nf := newFrame(size)
	if n > 0 {
		copy(nf.entries, f.entries)
	}
	nf.entries[at] = entry{key: k, val: v}
	return nf
}

// Without returns a frame equal to f but without k. It returns f itself
// when k is absent.
func (f *Frame) Without(k *Key) *Frame {
	n := f.Len()
	for i := 0; i < n; i++ {
		if f.entries[i].key != k {
			continue
		}
		if n == 1 {
			return nil
		}
		nf := newFrame(n - 1)
		copy(nf.entries, f.entries[:i])
		copy(nf.entries[i:], f.entries[i+1:])
		return nf
	}
	return f
}

// Small frames carry their entries inline, so building one costs a single
// allocation: the common case is a handful of storages per program.
type (
	frame1 struct {
		f Frame
		a [1]entry
	}
	frame2 struct {
		f Frame
		a [2]entry
	}
	frame4 struct {
		f Frame
		a [4]entry
	}
	frame8 struct {
		f Frame
		a [8]entry
	}
)

func newFrame(n int) *Frame {
	switch {
	case n <= 1:
		p := new(frame1)
		p.f.entries = p.a[:n]
		return &p.f
	case n <= 2:
		p := new(frame2)
		p.f.entries = p.a[:n]
		return &p.f
	case n <= 4:
		p := new(frame4)
		p.f.entries = p.a[:n]
		return &p.f
	case n <= 8:
		p := new(frame8)
		p.f.entries = p.a[:n]
		return &p.f
	default:
		return &Frame{entries: make([]entry, n)}
	}
}
