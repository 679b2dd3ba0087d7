package gls

import "sync/atomic"

// Key identifies one storage's slot in a frame. Keys are compared by
// pointer, so each NewKey call yields a slot no other key can read.
type Key struct {
	name    string
	id      uint64      // distinct per key: the trie hashes it
	retired atomic.Bool // nobody can read this key any more
}

var (
	lastKeyID atomic.Uint64
	retired   atomic.Uint64 // keys retired so far, for frames' sweeps
)

// NewKey returns a fresh key. The name is used in debug output only.
func NewKey(name string) *Key { return &Key{name: name, id: lastKeyID.Add(1)} }

// String returns the key's debug name.
func (k *Key) String() string { return k.name }

// Retire declares that no one will ever look k up again: its storage was
// disabled (and uses a new key now) or collected. Frames built from then
// on leave k's entry out, so that a goroutine's frame does not keep
// values nobody can read, nor grow with every storage it ever saw.
func (k *Key) Retire() {
	if !k.retired.Swap(true) {
		retired.Add(1)
	}
}
