// Package alsslog puts stores into structured logs: its [Handler] wraps
// any [slog.Handler] and adds chosen storages' values as attributes to every
// record, so a request id appears on every log line of the request with no
// ctx and no logger passed down the call chain.
//
//	logger := slog.New(alsslog.NewHandler(slog.NewJSONHandler(os.Stdout, nil),
//		alsslog.Attr("request_id", alshttp.RequestIDStorage()),
//		alsslog.Attr("tenant", tenant),
//	))
//	slog.SetDefault(logger)
//	...
//	slog.Info("order shipped") // {"msg":"order shipped","request_id":"4bf9...","tenant":"acme"}
//
// A storage with no store in the current context adds nothing, so the
// same logger serves requests and background work alike.
//
// The attributes always go at the top level of the record, outside any
// group opened with [Handler.WithGroup], so that request_id is found at the
// same place whichever package's logger wrote the line. Everything else
// keeps the wrapped handler's WithAttrs and WithGroup semantics; the
// Handler passes [testing/slogtest].
//
// The stores are those of the context the log call's ctx carries
// ([als.WithContext]), when it carries one, as with InfoContext(ctx, ...);
// otherwise those of the goroutine that logs, as with Info(...).
package alsslog
