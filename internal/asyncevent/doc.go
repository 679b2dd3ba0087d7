// Package asyncevent delivers the four events of an async resource's life
// (init, before, after, destroy) to the enabled hooks, and hands out async
// ids.
//
// Package hooks decides which callbacks are enabled and publishes them
// here with [Publish]; asyncres and spawn, the packages that make
// resources, emit through [Load]. The package is internal so that nothing
// else can emit: an event from anywhere else could break what hooks
// promises its callbacks (one init per resource, then before/after pairs
// around every scope, then one destroy), as Node keeps emission behind
// AsyncResource.
package asyncevent
