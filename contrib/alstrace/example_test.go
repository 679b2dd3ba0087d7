package alstrace_test

import (
	"bytes"
	"fmt"
	"runtime/trace"

	xtrace "golang.org/x/exp/trace"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/contrib/alstrace"
)

func Example() {
	tracer := alstrace.Enable()
	defer tracer.Disable()

	var buf bytes.Buffer
	trace.Start(&buf)
	req := asyncres.New("request")
	req.RunInAsyncScope(func() {
		done := make(chan struct{})
		als.Go(func() { close(done) }) // a task of its own, child of the request's
		<-done
	})
	req.EmitDestroy()
	trace.Stop()

	// What `go tool trace` shows under "User-defined tasks".
	r, _ := xtrace.NewReader(&buf)
	names := map[xtrace.TaskID]string{}
	for {
		ev, err := r.ReadEvent()
		if err != nil {
			break
		}
		if ev.Kind() == xtrace.EventTaskBegin {
			tk := ev.Task()
			names[tk.ID] = tk.Type
			if parent, ok := names[tk.Parent]; ok {
				fmt.Println(tk.Type, "started by", parent)
			} else {
				fmt.Println(tk.Type)
			}
		}
	}
	// Output:
	// request
	// GOROUTINE started by request
}
