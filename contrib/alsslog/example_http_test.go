package alsslog_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsslog"
)

// logger is what a service would install with slog.SetDefault.
var logger = slog.New(alsslog.NewHandler(stdout(),
	alsslog.Attr("request_id", alshttp.RequestIDStorage()),
	alsslog.AttrFunc("route", alshttp.Pattern),
))

// saveOrder is deep in the call chain: no ctx, no request, no id.
func saveOrder(sku string) {
	logger.Info("order saved", "sku", sku)
}

// Request ids on every log line of a net/http service, with no ctx in
// the logging call chain, also from the goroutine that finishes the work.
func Example_http() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{sku}", func(w http.ResponseWriter, r *http.Request) {
		logger.Info("start")
		var wg sync.WaitGroup
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			saveOrder(r.PathValue("sku"))
		})
		wg.Wait()
	})
	srv := httptest.NewServer(alshttp.Middleware(mux))
	defer srv.Close()

	for _, id := range []string{"req-1", "req-2"} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/orders/"+id[4:], nil)
		req.Header.Set("X-Request-Id", id)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
	}
	logger.Info("done") // outside any request: no request_id
	// Output:
	// level=INFO msg=start request_id=req-1 route="POST /orders/{sku}"
	// level=INFO msg="order saved" sku=1 request_id=req-1 route="POST /orders/{sku}"
	// level=INFO msg=start request_id=req-2 route="POST /orders/{sku}"
	// level=INFO msg="order saved" sku=2 request_id=req-2 route="POST /orders/{sku}"
	// level=INFO msg=done
}
