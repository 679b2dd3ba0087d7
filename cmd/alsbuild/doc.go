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
// patched copy instead: runtime.g gains three pointer fields (the current
// frame, the execution context and package gls's free list of frames), the
// goroutine-creating function marks the creator's frame shared and copies
// it into the child, goroutine exit clears all three, and push linknames
// make them reachable. Package time is patched so AfterFunc callbacks start in
// the context AfterFunc was called in, and package gls is compiled with a
// generated file that switches it from its goroutine-id map to the runtime
// fields. Every other compile runs unchanged.
//
// # Other -toolexec programs
//
// The go command takes one -toolexec, so tools that need it (Orchestrion,
// otelc, ...) run in a chain, each starting the next:
//
//	go build -toolexec="alsbuild other-tool" ./...   # alsbuild first
//	go build -toolexec="other-tool alsbuild" ./...   # other-tool first
//	GOFLAGS=-toolexec=other-tool alsbuild go build ./...   # alsbuild first
//
// alsbuild finds the Go tool among its arguments (the absolute path in
// $GOTOOLDIR that the go command passes), patches the compile's files, and
// runs the rest of the chain with the patched arguments; it reads the files
// the compile names, so a tool before it may have rewritten them. The
// wrapper form puts alsbuild before a -toolexec given on its command line
// or in GOFLAGS instead of dropping it. After a patched compile, alsbuild
// checks that the compiler's output holds a symbol only the patched package
// defines, so a tool later in the chain that compiles other files than it
// was given fails the build, naming the tool, instead of producing a
// binary that claims compiled mode without being patched. Before a link,
// it checks that a program whose package gls is in compiled mode has the
// patched runtime and time too, which catches a tool earlier in the chain
// that compiled one of them without running alsbuild. An invocation
// with no Go tool in it, alsbuild twice in one chain, or a -toolexec that
// cannot be quoted fails with a message. Prefer alsbuild first: then it
// sees what the rest of the chain compiled.
//
// # Versions and the build cache
//
// alsbuild adds its own identity (a hash of its executable and the patch
// version) to the compiler's -V=full answer, so patched and unpatched
// builds never share build cache entries. It patches only the runtime
// layouts it knows (Go 1.24 to 1.27, [patch.Supported]), each edit
// anchored on text it must find exactly once in the expected function;
// anything else fails the build with a message naming the Go version.
// RELEASES.md beside this file is the routine for supporting the next Go
// release: what to compare in the new runtime and which tests prove it.
package main
