// Package gls is the engine under als: it gives every goroutine a current
// context frame, found by goroutine id.
//
// A [Frame] is an immutable map from [Key] to [Value], a store packed by
// its caller so that strings, numbers and pointers need no allocation. [Enter] installs a
// frame and returns a [Scope] whose Exit puts the previous one back;
// [Push] and [Hide] set or hide one key the same way. Code that carries
// context elsewhere ([Current], [Capture]) keeps a pointer to an
// immutable frame, which is why capturing is O(1). Frames of up to eight
// keys are arrays; larger ones are a hash array mapped trie, so reading
// or adding a key stays O(log n) with thousands of storages. A key whose
// storage was disabled or collected is retired ([Key.Retire]), and frames
// built afterwards leave it out, so a goroutine's frame holds only what
// someone can still read.
//
// Each goroutine that holds a context has one small mutable record, found
// by goroutine id (petermattis/goid, checked against runtime.Stack at
// start-up). The record claims a slot of a direct-mapped table with one
// CAS, or lives in a concurrent map (puzpuzpuz/xsync) when its slot is
// taken, so a lookup is usually one load and a compare. The record caches
// its innermost entry, which [Me] and [Self.Top] read in code the
// compiler inlines into the caller: the usual read is the goroutine id
// and a few loads. Only a goroutine
// itself publishes, moves or removes its record; table.go states the
// protocol and why a lookup can neither miss its own record nor return
// another goroutine's. Nested scopes push a pending change onto the
// record instead of building a frame, so a nested Push allocates nothing;
// a frame is built, once per level, only when someone captures the
// context.
//
// [Holds] tells whether some goroutine has a record now, reading only
// what a colliding lookup reads, so that diagnostics can ask it about
// other goroutines without breaking the protocol.
//
// Records made by a scope are removed by its Exit. Scopes end innermost
// first, once each, on their own goroutine; [Scope.Exit] panics with
// [ErrScopeExit] otherwise. Records made by
// [Set] outside any scope are removed by a reclaimer soon
// after their goroutine ends (within a sweep period, a quarter second): it
// reads each watched goroutine's runtime descriptor, two words found by
// name in the runtime's type data, and never stops the world. [Len]
// returns to its earlier value either way.
//
// In a binary built with cmd/alsbuild ([Compiled] reports it) the context
// lives in fields the patched runtime adds to every goroutine instead,
// and a plain go statement inherits its creator's frame.
//
// Most programs use package als instead; gls is for the layers above it.
package gls
