// Package taken has files where the name als is taken or shadowed.
package taken

import alslib "github.com/go-als/als"

var store = alslib.New[int]()

func work(n int) {}

// An existing import of als under another name is reused.
func reuse(n int) {
	go work(n) // want "go statement"
}
