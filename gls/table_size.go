//go:build !als_smalltable

package gls

// cacheBits sizes the cache of the goroutine table: 8192 slots. Build
// with -tags als_smalltable for a two-slot table in which every goroutine
// collides, the case the stress tests need to force.
const cacheBits = 13
