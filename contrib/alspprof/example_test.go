package alspprof_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"runtime/pprof"
	"strings"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alspprof"
)

var tenant = als.New[string]()

// printLabels prints the label sets that goroutines hold now, as the
// goroutine profile lists them.
func printLabels() {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		if l, ok := strings.CutPrefix(sc.Text(), "# labels: "); ok {
			fmt.Println(l)
		}
	}
}

func ExampleRun() {
	labels := alspprof.New(alspprof.Label("tenant", tenant))

	alspprof.Run(labels, tenant, "acme", printLabels)
	printLabels() // Run is over: no labels
	// Output:
	// {"tenant":"acme"}
}

// Labels for a net/http service: the tenant, which an outer middleware
// sets, and the route, known once the ServeMux has routed the request.
// (Not run: it serves until stopped.)
func ExampleLabeler_Middleware() {
	labels := alspprof.New(
		alspprof.Label("tenant", tenant),             // any *als.Storage[T]
		alspprof.LabelFunc("route", alshttp.Pattern), // any func() string; "" is left out
	)
	mux := http.NewServeMux()
	mux.Handle("POST /reports", labels.Middleware(http.HandlerFunc(serveReport)))
	_ = http.ListenAndServe("127.0.0.1:8080", alshttp.Middleware(withTenant(mux)))
}

func serveReport(w http.ResponseWriter, r *http.Request) {}

// withTenant runs each request with its caller's tenant.
func withTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tenant.Run(r.Header.Get("X-Tenant"), func() { next.ServeHTTP(w, r) })
	})
}
