// Command alsfix finds go statements, which start their goroutine without
// the als context, and rewrites them to als.Go.
//
// Report them, in packages that import als:
//
//	go run github.com/go-als/als/cmd/alsfix ./...
//
// Rewrite them in place (the function value and the arguments are still
// evaluated at the statement, in the calling goroutine, as Go does):
//
//	go run github.com/go-als/als/cmd/alsfix -fix ./...
//
// Check every package, not only those that import als, with -all. Show the
// rewrite as a diff instead of applying it with -fix -diff. Run it from go
// vet:
//
//	go install github.com/go-als/als/cmd/alsfix
//	go vet -vettool=$(which alsfix) ./...
//
// A goroutine that must not inherit the caller's context keeps its plain go
// statement with a comment on its line or the line above:
//
//	go sweep() //als:ignore the sweeper serves every request, not this one
//
// The analyzer itself is package gostmt, for use in other drivers.
package main
