// Package spawn holds everything that hands work to another goroutine
// while keeping the caller's context: Go is the context-carrying
// replacement for the go statement.
//
// A plain go statement starts its goroutine with no context at all. Go
// captures the caller's frame (O(1): one pointer) and installs it in the
// child before fn runs; when fn returns, the child's entry is removed.
package spawn
