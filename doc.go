// Package als gives Go what Node.js has in AsyncLocalStorage: a value
// that belongs to one request (an id, a tenant, a logger, a trace span)
// and is readable anywhere below the point that set it, without a ctx
// parameter on every function in between.
//
// Declare a Storage once, set its store for a call tree with Run, and read
// it with GetStore from any package:
//
//	var requestID = als.New[string]()
//
//	func handle(w http.ResponseWriter, r *http.Request) {
//		requestID.Run(r.Header.Get("X-Request-Id"), func() { serve(w, r) })
//	}
//
//	func logf(format string, args ...any) {
//		id, _ := requestID.GetStore()
//		log.Printf("%s: %s", id, fmt.Sprintf(format, args...))
//	}
//
// The store follows the work into goroutines started with Go, functions
// wrapped by Bind and Snapshot, and the resources of package asyncres. In
// the default build a plain go statement starts its goroutine with no
// context: write als.Go(fn) instead of go fn(), or let cmd/alsfix rewrite
// them. A program built with cmd/alsbuild (compiled mode) runs on a
// patched runtime in which every go statement inherits its creator's
// context, as Go does. Detach does the
// opposite: it runs a function with no store at all, for process-wide
// goroutines that must not keep the request that started them.
//
// Set the environment variable ALS_DEBUG=lost at start-up to find where a
// store is lost: a GetStore that misses in a goroutine holding no context,
// whose creator holds one, prints one line on stderr per creation site,
// naming the go statement (and, under GODEBUG=tracebackancestors=1, the
// caller of the library that started the goroutine). Name storages with
// WithName so the line says which one missed. Tests catch the same with
// alstest.FailOnLoss.
//
// Contexts are immutable frames, as in Node 24: capturing a context for
// another goroutine (Go, Bind, Snapshot, a resource) copies one pointer,
// and nothing either side does later changes what was captured. Run
// restores the previous context when fn returns or panics; in the default
// build a nested Run only records its change on the goroutine's entry, and
// a frame is built when something captures the context, so nesting
// allocates nothing. Any number of Storages can be active at once, each
// independent of the others.
//
// When you own the whole call chain, pass a context.Context: it is
// explicit and needs no goroutine bookkeeping. als is for the places a ctx
// cannot reach: callbacks, third-party interfaces, legacy code, logging.
package als
