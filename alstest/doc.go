// Package alstest checks, in tests, that no als context outlived the code
// that made it, as go.uber.org/goleak does for goroutines, and that none
// was lost on the way to a goroutine.
//
//	func TestHandler(t *testing.T) {
//		defer alstest.VerifyNone(t)
//		...
//	}
//
// A context entry belongs to a goroutine: a Run scope holds one until it
// returns, an als.Go child until it ends, and a plain goroutine that
// called EnterWith until the reclaimer notices it ended (within about two
// seconds). VerifyNone counts the goroutines that still hold an entry,
// waits a little for goroutines that are finishing, and fails the test if
// any is left, listing the goroutines still running so that the holder
// can be found among them.
//
// Entries are process-wide, like goroutines: a test that runs in parallel
// with others, or after a TestMain that set a store on a goroutine that
// lives on, takes its baseline with IgnoreCurrent. In compiled mode
// (cmd/alsbuild) contexts live in the runtime and end with their
// goroutines, and VerifyNone has nothing to count.
//
// FailOnLoss checks the opposite failure: a context that did not reach a
// goroutine it should have. It turns on the detector that ALS_DEBUG=lost
// turns on for a whole program and fails the test if a GetStore missed in
// a goroutine whose creator held a context, naming the go statement that
// started it; CatchLoss returns those losses instead.
//
//	func TestCheckout(t *testing.T) {
//		alstest.FailOnLoss(t)
//		requestID.Run("req-7", checkout)
//	}
package alstest
