package gls

import "math/bits"

// A tnode is a node of a persistent hash array mapped trie (Bagwell's
// HAMT) from keys to values, the representation of frames with many keys.
// Each level consumes trieBits bits of the key's hash; bitmap says which
// of the 32 children exist, and kids holds them densely, so a node costs
// only what it holds. Nodes are never changed once built: an update
// copies the path from the root to the changed leaf, O(log n) nodes.
//
// Key ids are distinct and hashKey is a bijection, so two keys never
// share a whole hash and every chain of branches ends before the hash
// runs out of bits.
type tnode struct {
	bitmap uint32
	kids   []tkid
}

// tkid is a leaf (sub == nil) or a branch.
type tkid struct {
	key *Key
	val Value
	sub *tnode
}

const trieBits = 5

func hashKey(k *Key) uint64 { return k.id * 0x9e3779b97f4a7c15 }

func (n *tnode) slot(h uint64, shift uint) (bit uint32, i int) {
	bit = 1 << ((h >> shift) & (1<<trieBits - 1))
	return bit, bits.OnesCount32(n.bitmap & (bit - 1))
}

func (n *tnode) get(k *Key) (Value, bool) {
	h := hashKey(k)
	for shift := uint(0); n != nil; shift += trieBits {
		bit, i := n.slot(h, shift)
		if n.bitmap&bit == 0 {
			return Value{}, false
		}
		kid := &n.kids[i]
		if kid.sub == nil {
			if kid.key == k {
				return kid.val, true
			}
			return Value{}, false
		}
		n = kid.sub
	}
	return Value{}, false
}

// with returns a trie equal to n except that k maps to v, and whether k
// is new. A nil n is the empty trie.
func (n *tnode) with(k *Key, v Value, h uint64, shift uint) (*tnode, bool) {
	if n == nil {
		n = &tnode{}
	}
	bit, i := n.slot(h, shift)
	if n.bitmap&bit == 0 {
		kids := make([]tkid, len(n.kids)+1)
		copy(kids, n.kids[:i])
		kids[i] = tkid{key: k, val: v}
		copy(kids[i+1:], n.kids[i:])
		return &tnode{bitmap: n.bitmap | bit, kids: kids}, true
	}
	kids := make([]tkid, len(n.kids))
	copy(kids, n.kids)
	kid := &kids[i]
	added := true
	switch {
	case kid.sub != nil:
		kid.sub, added = kid.sub.with(k, v, h, shift+trieBits)
	case kid.key == k:
		kid.val, added = v, false
	default: // another key's leaf: push both one level down
		sub, _ := (*tnode)(nil).with(kid.key, kid.val, hashKey(kid.key), shift+trieBits)
		sub, _ = sub.with(k, v, h, shift+trieBits)
		*kid = tkid{sub: sub}
	}
	return &tnode{bitmap: n.bitmap, kids: kids}, added
}

// without returns a trie equal to n but without k (nil when empty), and
// whether k was there.
func (n *tnode) without(k *Key, h uint64, shift uint) (*tnode, bool) {
	bit, i := n.slot(h, shift)
	if n.bitmap&bit == 0 {
		return n, false
	}
	kid := n.kids[i]
	if kid.sub != nil {
		sub, removed := kid.sub.without(k, h, shift+trieBits)
		if !removed {
			return n, false
		}
		if sub != nil {
			kids := make([]tkid, len(n.kids))
			copy(kids, n.kids)
			kids[i].sub = sub
			return &tnode{bitmap: n.bitmap, kids: kids}, true
		}
	} else if kid.key != k {
		return n, false
	}
	if len(n.kids) == 1 {
		return nil, true
	}
	kids := make([]tkid, 0, len(n.kids)-1)
	kids = append(kids, n.kids[:i]...)
	kids = append(kids, n.kids[i+1:]...)
	return &tnode{bitmap: n.bitmap &^ bit, kids: kids}, true
}

// each calls fn for every entry of n.
func (n *tnode) each(fn func(entry)) {
	if n == nil {
		return
	}
	for _, kid := range n.kids {
		if kid.sub != nil {
			kid.sub.each(fn)
		} else {
			fn(entry{key: kid.key, val: kid.val})
		}
	}
}
