// Package asyncres is Node's AsyncResource for Go: a Resource ties a
// callback that runs later, maybe on another goroutine, to the context in
// which the work was requested.
//
// New captures the caller's context (every als.Storage's store, in one
// pointer) and its execution id. RunInAsyncScope later installs that
// context, makes the resource the current execution context for package
// hooks, tells the hooks Before and After, and puts the caller's context
// back when the function returns or panics:
//
//	type query struct {
//		res *asyncres.Resource
//		cb  func(rows []Row)
//	}
//
//	func Query(sql string, cb func(rows []Row)) {
//		q := &query{res: asyncres.New("Query"), cb: cb}
//		connPool.send(sql, q)          // answered on a connection goroutine
//	}
//
//	func (q *query) done(rows []Row) {
//		q.res.RunInAsyncScope(func() { q.cb(rows) }) // the caller's stores
//		q.res.EmitDestroy()
//	}
//
// Use a Resource where work crosses to a goroutine you do not start with
// spawn.Go: a connection pool, an event loop, a queue consumer. Bind is
// the shorthand for wrapping one function.
//
// Destroy is reported once: by EmitDestroy, or, unless the resource was
// made WithRequireManualDestroy, after the garbage collector found it
// unreachable. The second needs runtime.AddCleanup, so it is set up only
// when a Destroy hook is enabled at construction.
package asyncres
