package readme_test

import (
	"log/slog"
	"net/http"
	"os"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsslog"
)

// The README's other snippets, compiled but not run: they serve on a real
// address, or stand for code a reader writes. The packages' own Examples
// run the same calls (alsslog's Example_http, asyncres's Examples, the
// alsfix Example for the rewrite).

// net/http, log/slog and context.Context.
func serveOrders(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{sku}", createOrder)
	slog.SetDefault(slog.New(alsslog.NewHandler(slog.NewJSONHandler(os.Stdout, nil),
		alsslog.Attr("request_id", alshttp.RequestIDStorage()), // any *als.Storage[T]
		alsslog.AttrFunc("route", alshttp.Pattern),             // any func() T; zero is left out
	)))
	http.ListenAndServe(addr, alshttp.Middleware(mux))
}

type Order struct{ SKU string }

func createOrder(w http.ResponseWriter, r *http.Request) { saveOrder(Order{SKU: r.PathValue("sku")}) }

func saveOrder(o Order) { // no ctx, no id parameter
	slog.Info("order saved", "sku", o.SKU) // {"msg":"order saved","sku":"42","request_id":"4bf9…","route":"POST /orders/{sku}"}
}

// Async resources and hooks.
type Row struct{}

type query struct {
	res *asyncres.Resource // captures the caller's stores at New
	cb  func(rows []Row)
}

func (q *query) done(rows []Row) { // on the driver's goroutine
	q.res.RunInAsyncScope(func() { q.cb(rows) }) // the caller's stores
	q.res.EmitDestroy()
}

// What alsfix makes of go worker(id, next()), and a marked statement.
func worker(id, job int) {}

func start(id int, next func() int) {
	{
		id, job := id, next()
		als.Go(func() { worker(id, job) })
	}
}

func sweep() {}

func startSweeper() {
	go sweep() //als:ignore serves every request, not the one that started it
}

var _ = []any{serveOrders, (*query).done, start, startSweeper}
