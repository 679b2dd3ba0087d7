// Package quiet does not import als, so by default nothing in it is
// reported.
package quiet

func work() {}

func start() {
	go work()
}
