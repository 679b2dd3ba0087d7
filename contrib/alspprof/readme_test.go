package alspprof_test

import (
	"net/http"

	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alspprof"
)

// readmeServe holds the README's pprof snippet, compiled but not run: it
// serves on a real address. ExampleLabeler_Middleware is the same code.
func readmeServe(addr string, mux *http.ServeMux) {
	labels := alspprof.New(
		alspprof.Label("tenant", tenant),             // any *als.Storage[T]
		alspprof.LabelFunc("route", alshttp.Pattern), // any func() string; "" is left out
	)
	mux.Handle("POST /reports", labels.Middleware(http.HandlerFunc(serveReport))) // routed: the route is known
	http.ListenAndServe(addr, alshttp.Middleware(withTenant(mux)))
}

var _ = readmeServe
