// Command alsfix finds the places where a goroutine starts without the als
// context and rewrites them to carry it: go statements become als.Go, and
// the functions handed to sync.WaitGroup.Go, errgroup.Group.Go and TryGo,
// time.AfterFunc and context.AfterFunc are wrapped in als.Bind or
// als.BindErr.
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
// The report says which goroutines look long-lived: a process-wide loop
// should not inherit the request that happened to start it. Such a
// goroutine keeps its plain go statement with a comment on its line or the
// line above:
//
//	go sweep() //als:ignore the sweeper serves every request, not this one
//
// The analyzer itself is package gostmt, for use in other drivers.
package main
