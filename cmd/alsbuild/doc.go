// Command alsbuild builds Go programs in als's compiled mode, where every
// goroutine, including those started by plain go statements in code you do
// not own, inherits the context of the goroutine that started it.
//
// It is a -toolexec program. Use it either way:
//
//	go build -toolexec=alsbuild ./...
//	alsbuild go build ./...     # also: go test, go run, go install, go vet, go list
//
// When the compiler is asked to build package runtime, alsbuild compiles a
// patched copy instead: runtime.g gains two pointer fields (the current
// frame and execution context), the goroutine-creating function copies the
// frame into the child, goroutine exit clears both, and push linknames make
// them reachable. Package time is patched so AfterFunc callbacks start in
// the context AfterFunc was called in, and package gls is compiled with a
// generated file that switches it from its goroutine-id map to the runtime
// fields. Every other compile runs unchanged.
//
// alsbuild adds its own identity (a hash of its executable and the patch
// version) to the compiler's -V=full answer, so patched and unpatched
// builds never share build cache entries. It patches only the runtime
// layouts it knows (Go 1.24, 1.25 and 1.26), each edit anchored on text it
// must find exactly once in the expected function; anything else fails the
// build with a message naming the Go version.
package main
