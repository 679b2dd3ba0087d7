// Package alstrace shows als's async causality in `go tool trace`, as
// async_hooks shows it to Node's tools: every async resource (an als.Go
// goroutine, an asyncres.Resource, a spawn timer or pool task) becomes a
// [runtime/trace] Task whose parent is the task of the execution context
// that triggered it, and each callback of the resource runs inside a
// Region of its task.
//
//	tracer := alstrace.Enable()
//	defer tracer.Disable()
//	trace.Start(w) // or a FlightRecorder, or /debug/pprof/trace
//
// In the trace viewer's user-defined tasks, a request's goroutines then
// hang under the task of the resource that started them, however they
// hopped between goroutines, timers and pools.
//
// It is built on package hooks and, to end each region on the goroutine
// that started it, on github.com/petermattis/goid, which als already
// uses. Resources created while no trace is being recorded cost one check
// and are left out. Its tests parse traces with golang.org/x/exp/trace;
// it is a module of its own, so that the main module never depends on
// x/exp.
package alstrace
