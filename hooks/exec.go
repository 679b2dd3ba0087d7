package hooks

import "github.com/go-als/als/gls"

// RootAsyncID is the execution id of code that runs outside any resource,
// like Node's top level. Resource ids start above it.
const RootAsyncID uint64 = 1

// ExecutionAsyncID returns the async id of the resource whose callback
// runs now on this goroutine, or [RootAsyncID] outside any resource.
func ExecutionAsyncID() uint64 {
	if e := gls.CurrentExec(); e != nil {
		return e.AsyncID
	}
	return RootAsyncID
}

// TriggerAsyncID returns the trigger id of the resource whose callback
// runs now on this goroutine: the execution context that created it. It
// is 0 outside any resource.
func TriggerAsyncID() uint64 {
	if e := gls.CurrentExec(); e != nil {
		return e.TriggerAsyncID
	}
	return 0
}

// ExecutionAsyncResource returns the resource whose callback runs now on
// this goroutine, or nil outside any resource. For the resources of this
// module it is an *asyncres.Resource.
func ExecutionAsyncResource() any {
	if e := gls.CurrentExec(); e != nil {
		return e.Resource
	}
	return nil
}
