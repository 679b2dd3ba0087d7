// Package als is another package that happens to be called als, so that
// a file importing it makes the fixer import github.com/go-als/als under
// a different name.
package als

// Track records an event.
func Track(event string) {}
