// Package pkgvar declares als at package level, so the fix imports als
// as als2 (checked with -all: the package does not import als).
package pkgvar

var als = "a package-level name"

func work(s string) {}

func start() {
	go work(als) // want "go statement"
}
