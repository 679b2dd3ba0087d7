package alszap_test

import (
	"net/http"

	"go.uber.org/zap"

	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alszap"
)

// A production logger for a net/http service: every entry logged while a
// request is served carries its id and route, with no ctx in the logging
// call chain. (Not run: a production logger writes timestamps to stderr.)
func Example_production() {
	logger, err := zap.NewProduction(alszap.WrapCore(
		alszap.Field("request_id", alshttp.RequestIDStorage()), // any *als.Storage[T]
		alszap.FieldFunc("route", alshttp.Pattern),             // any func() T; zero is left out
	))
	if err != nil {
		panic(err)
	}
	defer logger.Sync()

	saveOrder := func(sku string) { // deep in the call chain: no ctx, no id
		logger.Info("order saved", zap.String("sku", sku)) // {"level":"info",...,"msg":"order saved","request_id":"4bf9…","route":"POST /orders/{sku}","sku":"42"}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{sku}", func(w http.ResponseWriter, r *http.Request) {
		saveOrder(r.PathValue("sku"))
	})
	_ = http.ListenAndServe("127.0.0.1:8080", alshttp.Middleware(mux))
}
