// Package spawn holds everything that hands work to another goroutine
// while keeping the caller's context.
//
// In the default build a plain go statement starts its goroutine with no
// context at all; in a program built with cmd/alsbuild (compiled mode)
// the patched runtime copies the creator's frame into every new
// goroutine, so a plain go statement inherits it. Go carries the context
// in both modes: it captures the caller's frame (O(1): one pointer) and
// installs it in the child before fn runs, and when fn returns the
// child's entry is removed; in compiled mode the runtime does both. The
// other helpers are built on the same capture:
//
//   - Group is errgroup whose members run in the context of the code that
//     started them, with SetLimit, TryGo and WithContext.
//   - AfterFunc is time.AfterFunc (Node's setTimeout) that runs fn in the
//     caller's context.
//   - Pool is a fixed set of worker goroutines; each submitted task and
//     its callback run in the submitter's context, not the worker's.
//
// For package hooks these are async resources: a goroutine from Go is of
// type "GOROUTINE", a timer "TIMEOUT" and a pool task "POOLTASK". While
// no hook is enabled, Go and AfterFunc make no resource at all and cost
// what they cost without hooks.
//
// Panics keep Go's rules: a panic in a goroutine started here crashes the
// program, as in a plain go statement, with nothing recovered or printed
// by this package. Only Pool recovers a panicking task, to report it to
// the task's callback, and reports a task that called runtime.Goexit the
// same way.
package spawn
