package gls

type entry struct {
	key *Key
	val Value
}

// Frame is an immutable map from keys to values: the whole context a
// goroutine runs in. A nil *Frame is the empty frame. Frames are never
// changed after construction, so capturing one is copying a pointer.
//
// A frame of up to smallMax keys is an array scanned in order: the
// common case is a handful of storages, and a scan of a few pointers is
// faster than any hashing. Larger frames are a hash trie (trie.go), so
// that reading and adding a key cost O(log n) however many storages a
// program runs at once.
type Frame struct {
	rt      frameMeta // first: compiled mode's recycling state (compiled_frames.go)
	entries []entry   // at most smallMax keys
	big     *trie     // more than smallMax keys; entries is nil
}

// trie is a large frame's map, with what With needs to know to drop
// retired keys from time to time.
type trie struct {
	root  *tnode
	size  int    // keys held, retired ones included
	swept uint64 // the retired count when retired keys were last dropped
}

const smallMax = 8

// Len reports how many keys the frame holds.
func (f *Frame) Len() int {
	if f == nil {
		return 0
	}
	if f.big != nil {
		return f.big.size
	}
	return len(f.entries)
}

// Get returns the value stored under k.
func (f *Frame) Get(k *Key) (Value, bool) {
	if f == nil {
		return Value{}, false
	}
	if f.big != nil {
		return f.big.root.get(k)
	}
	for i := range f.entries {
		if f.entries[i].key == k {
			return f.entries[i].val, true
		}
	}
	return Value{}, false
}

// With returns a frame equal to f except that k maps to v. Entries of
// retired keys are left out of the result.
func (f *Frame) With(k *Key, v Value) *Frame {
	if nf, ok := f.smallWithout(k, 1); ok {
		nf.entries[len(nf.entries)-1] = entry{key: k, val: v}
		return nf
	}
	if f.big == nil {
		sw := retired.Load()
		return fromEntries(f.live(k), k, v, sw) // grows past smallMax
	}
	if b := f.big; retired.Load()-b.swept < uint64(b.size/2) {
		root, added := b.root.with(k, v, hashKey(k), 0)
		size := b.size
		if added {
			size++
		}
		return newBig(root, size, b.swept)
	}
	// As many keys have retired since this trie last dropped retired
	// entries as half its size, so it may hold that many: rebuild it from
	// its live entries. The O(n) rebuild is paid for by n/2 retirements,
	// and a trie frame never holds more retired entries than live ones
	// plus n/2.
	sw := retired.Load()
	return fromEntries(f.live(k), k, v, sw)
}

// Without returns a frame equal to f but without k. It returns f itself
// when k is absent.
func (f *Frame) Without(k *Key) *Frame {
	if _, ok := f.Get(k); !ok {
		return f
	}
	if b := f.big; b != nil {
		root, _ := b.root.without(k, hashKey(k), 0)
		return newBig(root, b.size-1, b.swept)
	}
	nf, _ := f.smallWithout(k, 0)
	return nf
}

// smallWithout copies the array frame f without k and without retired
// keys into a new array frame with extra empty entries at the end (nil
// when that leaves nothing). ok is false when f is a trie or the result
// would be too large for an array.
func (f *Frame) smallWithout(k *Key, extra int) (nf *Frame, ok bool) {
	var es []entry
	if f != nil {
		if f.big != nil {
			return nil, false
		}
		es = f.entries
	}
	n := extra
	for _, e := range es {
		if e.key != k && !e.key.retired.Load() {
			n++
		}
	}
	if n > smallMax {
		return nil, false
	}
	if n == 0 {
		return nil, true
	}
	nf = newFrame(n)
	j := 0
	for _, e := range es {
		if e.key != k && !e.key.retired.Load() {
			nf.entries[j] = e
			j++
		}
	}
	return nf, true
}

// live returns f's entries whose keys are neither retired nor skip.
func (f *Frame) live(skip *Key) []entry {
	if f == nil {
		return nil
	}
	out := make([]entry, 0, f.Len()+1)
	keep := func(e entry) {
		if e.key != skip && !e.key.retired.Load() {
			out = append(out, e)
		}
	}
	if f.big != nil {
		f.big.root.each(keep)
	} else {
		for _, e := range f.entries {
			keep(e)
		}
	}
	return out
}

// fromEntries builds a frame of es plus k=v (when k is not nil). swept
// is the retired count read before es was filtered.
func fromEntries(es []entry, k *Key, v Value, swept uint64) *Frame {
	if k != nil {
		es = append(es, entry{key: k, val: v})
	}
	n := len(es)
	if n == 0 {
		return nil
	}
	if n <= smallMax {
		f := newFrame(n)
		copy(f.entries, es)
		return f
	}
	var root *tnode
	for _, e := range es {
		root, _ = root.with(e.key, e.val, hashKey(e.key), 0)
	}
	return newBig(root, n, swept)
}

// newBig returns a trie frame, frame and trie in one allocation.
func newBig(root *tnode, size int, swept uint64) *Frame {
	p := &struct {
		f Frame
		t trie
	}{t: trie{root: root, size: size, swept: swept}}
	p.f.big = &p.t
	return &p.f
}

// Small frames carry their entries inline, so building one costs a single
// allocation.
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
	var f *Frame
	switch {
	case n <= 1:
		p := new(frame1)
		p.f.entries = p.a[:n]
		f = &p.f
	case n <= 2:
		p := new(frame2)
		p.f.entries = p.a[:n]
		f = &p.f
	case n <= 4:
		p := new(frame4)
		p.f.entries = p.a[:n]
		f = &p.f
	default:
		p := new(frame8)
		p.f.entries = p.a[:n]
		f = &p.f
	}
	return f
}
