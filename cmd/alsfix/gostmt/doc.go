// Package gostmt is the analyzer behind cmd/alsfix. It finds the places
// where a goroutine starts with no als context (go statements, and the
// functions of the standard library and x/sync that start one for you)
// and offers fixes that carry the context without changing what the
// program computes.
//
// A go statement evaluates its function value and its arguments in the
// calling goroutine, at the statement, and only the call itself runs in
// the new goroutine. A naive rewrite of
//
//	go worker(id, next()) // func worker(id, job int)
//
// to als.Go(func() { worker(id, next()) }) would call next in the wrong
// goroutine and read id whenever the goroutine happens to run. The fix
// therefore copies the values that could differ into fresh variables
// first, in one assignment that evaluates them as the go statement did,
// and lets the closure see only the copies:
//
//	{
//		id, job := id, next()
//		als.Go(func() { worker(id, job) })
//	}
//
// Constants, nil, function literals, package-level functions and local
// variables that nothing changes after their declaration need no copy, so
// most statements become one line: go publish(ctx, nc) is
// als.Go(func() { publish(ctx, nc) }). A call with no arguments of a
// func() value is als.Go of the value, which is evaluated at the call as
// at the statement: go nc.readLoop() is als.Go(nc.readLoop). Method
// values on other receivers, function-typed fields and map lookups are
// copied, so the receiver or the lookup is evaluated at the statement, as
// Go does. A copy never hides a builtin, a keyword or a variable of the
// caller.
//
// A function literal keeps its body where it is. With no parameters it is
// already the func() that als.Go takes; with one, the go statement binds
// it, which changes only its first line:
//
//	go als.BindArg(func(c net.Conn) {
//		...
//	})(conn)
//
// With more, the parameters become copies of the arguments just before
// the call when that changes nothing else in the block, and otherwise the
// literal binds them and returns the body as a closure.
//
// The hand-offs are sync.WaitGroup.Go, errgroup.Group.Go and TryGo,
// time.AfterFunc and context.AfterFunc, matched by the function's
// identity rather than its name. The fix wraps the function in the bound
// form of package als that fits it: wg.Go(als.Bind(fn)),
// eg.Go(als.BindErr(fn)). A hand-off used as a value (f := wg.Go) is
// replaced by a function literal that binds what it is given.
//
// Differences that remain: go with a nil function value is a fatal error
// at the statement, while als.Go and the bound forms panic at the call
// (the rewrites that copy fail when the new goroutine calls the nil copy);
// either way the program crashes.
//
// The report says which goroutines look long-lived (a for loop with no
// exit, or a function named like readLoop): those usually serve the
// process rather than the request that started them, and should be marked
// rather than rewritten.
//
// A statement or call with //als:ignore on its line, or on the line above,
// is left alone; write the reason after the directive. By default the
// analyzer only looks at packages that already import als; set its flag
// AllFlag (alsfix -all) to look everywhere. Generated files are skipped,
// except the files cmd/cgo generates from a file that imports "C": their
// reports and fixes are mapped back to the user's file. In the packages
// that als is built from, which cannot import it, go statements are
// reported without fixes and hand-offs are not reported.
package gostmt
