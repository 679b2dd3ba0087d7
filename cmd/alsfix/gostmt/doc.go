// Package gostmt is the analyzer behind cmd/alsfix. It finds go statements,
// which start their goroutine with no als context, and offers a fix that
// rewrites each one to als.Go without changing what the program computes.
//
// A go statement evaluates its function value and its arguments in the
// calling goroutine, at the statement, and only the call itself runs in the
// new goroutine. A naive rewrite of
//
//	go worker(id, next()) // func worker(id, job int)
//
// to als.Go(func() { worker(id, next()) }) would call next in the wrong
// goroutine and read id whenever the goroutine happens to run. The fix
// therefore copies every value into a fresh variable first, in one
// assignment that evaluates them as the go statement did, and lets the
// closure see only the copies:
//
//	{
//		id, job := id, next()
//		als.Go(func() { worker(id, job) })
//	}
//
// Constants, nil, function literals and package-level functions need no
// copy; method values (s.m), function-typed fields and map lookups are
// copied like any other value, so the receiver or the lookup is evaluated
// at the statement, as Go does. A function literal that takes arguments
// becomes a literal that binds them and returns the goroutine's body:
//
//	als.Go(func(n int) func() {
//		return func() { ... }
//	}(i))
//
// One difference remains: go with a nil function value is a fatal error at
// the statement, while the rewrite fails when the new goroutine calls the
// nil copy. Either way the program crashes.
//
// A go statement with //als:ignore on its line, or on the line above, is
// left alone; write the reason after the directive. By default the analyzer
// only looks at packages that already import als; set its flag AllFlag
// (alsfix -all) to look everywhere. Generated files are skipped, and so are
// the fixes, though not the reports, in the packages that als is built
// from, which cannot import it.
package gostmt
