// Package hooks is Node's async_hooks for Go: it tells interested code
// when an asynchronous resource is created (Init), when a callback of that
// resource starts and ends (Before, After) and when the resource is gone
// (Destroy). Tracers, profilers and leak checkers use it to follow work
// across goroutines, timers and worker pools.
//
// An asynchronous resource is anything that runs code later on behalf of
// the code that created it: a goroutine started with spawn.Go (type
// "GOROUTINE"), a timer from spawn.AfterFunc ("TIMEOUT"), a task in a
// spawn.Pool, or your own asyncres.Resource. Every resource has a unique,
// non-zero async id and the id of the execution context that caused it,
// its trigger id.
//
// Create a Hook from Callbacks and Enable it:
//
//	h := hooks.Create(hooks.Callbacks{
//		Init: func(id uint64, typ string, trigger uint64, _ any) {
//			log.Printf("%s %d created by %d", typ, id, trigger)
//		},
//	}).Enable()
//	defer h.Disable()
//
// While a resource's callback runs, ExecutionAsyncID returns its id,
// TriggerAsyncID its trigger id and ExecutionAsyncResource the resource.
// Code running outside any resource is in the root execution context,
// which, as Node's top level, has execution id 1 (RootAsyncID), trigger
// id 0 and no resource. Every goroutine starts there; the functions given
// to spawn.Go and spawn.AfterFunc run in a resource's scope while a hook
// is enabled (otherwise they build no resource), and spawn.Pool tasks and
// callbacks always do.
//
// Callbacks run synchronously on the goroutine that emits the event, so
// they must be fast and must not create resources of their own (that
// would emit Init from inside Init). A callback that panics propagates to
// the code that emitted the event, with that code's context restored;
// Node kills the process instead.
//
// Events come only from resources: asyncres.Resource and the resources of
// package spawn emit them, and nothing else can, as in Node, where only
// AsyncResource emits. So every hook sees one Init per resource, Before
// and After in pairs around each callback, and at most one Destroy; only a
// hook enabled or disabled while a callback runs may see one of the pair.
//
// Hooks cost nothing when none is enabled: code that creates or runs a
// resource does one atomic load to find that out, and stops there.
package hooks
