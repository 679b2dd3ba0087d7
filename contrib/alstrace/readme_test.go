package alstrace_test

import (
	"io"
	"runtime/trace"

	"github.com/go-als/als/contrib/alstrace"
)

// readmeTrace holds the README's alstrace snippet, compiled but not run;
// Example runs the same calls.
func readmeTrace(w io.Writer) {
	tracer := alstrace.Enable() // a hook; resources made while no trace is recorded are left out
	defer tracer.Disable()
	trace.Start(w) // runtime/trace: from here on each resource is a task
}

var _ = readmeTrace
