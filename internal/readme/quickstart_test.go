package readme_test

import (
	"fmt"

	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"

	"github.com/go-als/als"
)

// The README's quick start, as it stands there.

var reqID = als.New[string]()

func handle(w http.ResponseWriter, r *http.Request) {
	reqID.Run(r.Header.Get("X-Request-Id"), func() {
		als.Go(audit) // the child goroutine sees the same id
		logf("handled %s", r.URL.Path)
	})
}

func logf(format string, args ...any) { // no id, no ctx parameter
	id, _ := reqID.GetStore()
	log.Printf("%s: %s", id, fmt.Sprintf(format, args...)) // the id is data, never a format
}

var audits sync.WaitGroup

func audit() {
	defer audits.Done()
	logf("audited")
}

// The quick start serving two requests: the child goroutine logs the same
// id as the handler, and an id full of format verbs is printed as is.
func Example_quickStart() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	defer log.SetOutput(os.Stderr)
	defer log.SetFlags(log.LstdFlags)

	for _, id := range []string{"req-1", "%s%d%!"} {
		req := httptest.NewRequest(http.MethodGet, "/orders", nil)
		req.Header.Set("X-Request-Id", id)
		audits.Add(1)
		handle(httptest.NewRecorder(), req)
		audits.Wait()
	}
	// Unordered output:
	// req-1: handled /orders
	// req-1: audited
	// %s%d%!: handled /orders
	// %s%d%!: audited
}
