//go:build als_smalltable

package gls

// cacheBits with -tags als_smalltable: two slots, so that nearly every
// goroutine collides and lives in the map, the contended case the stress
// tests force (make stress).
const cacheBits = 1
