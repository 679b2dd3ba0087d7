// Package handoff is how package spawn starts a goroutine in its
// creator's context without package gls exporting the means. The engine
// sets Start at init; only spawn calls it.
//
// The function it holds relies on a precondition the goroutine table
// cannot check cheaply (the function it returns must be the first call of
// a new goroutine, made once), so it stays inside this module instead of
// in gls's public API, where any caller could break the table's protocol.
package handoff

// Start returns the body of a goroutine that runs fn in the calling
// goroutine's current context, in a scope of its own that ends with fn,
// with nothing allocated: `go Start(fn)()`. Set by package gls.
var Start func(fn func()) (body func())
