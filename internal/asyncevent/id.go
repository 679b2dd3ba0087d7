package asyncevent

import "sync/atomic"

// RootID is the execution id of code that runs outside any resource, like
// Node's top level. Resource ids start above it.
const RootID uint64 = 1

var lastID atomic.Uint64

func init() { lastID.Store(RootID) }

// NewID returns an async id no other call returns; it is never 0 or
// RootID.
func NewID() uint64 { return lastID.Add(1) }
