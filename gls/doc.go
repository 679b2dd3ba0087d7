// Package gls is the engine under als: it gives every goroutine a current
// context frame, found by goroutine id.
//
// A Frame is an immutable map from Key to value. Changing context means
// building a new frame and installing it with Enter, which returns a Scope
// whose Exit puts the previous frame back; code that wants to carry context
// elsewhere keeps a pointer to the frame it saw, which is why capturing is
// O(1). Each goroutine that holds a frame has one small mutable record in a
// concurrent map keyed by goroutine id (petermattis/goid, checked against
// runtime.Stack at start-up); nested scopes only swap a pointer in it.
//
// Entries made by Enter are removed by the matching Exit. Entries made by
// Replace outside any scope are removed by a background sweep soon after
// their goroutine ends, so Len returns to its earlier value either way.
//
// Most programs use package als instead; gls is for the layers above it.
package gls
