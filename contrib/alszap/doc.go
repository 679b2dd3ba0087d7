// Package alszap puts stores into zap logs: its [Core] wraps any
// [zapcore.Core] and adds chosen storages' values as fields to every entry,
// so a request id appears on every log line of the request with no ctx
// and no logger passed down the call chain.
//
//	logger, err := zap.NewProduction(alszap.WrapCore(
//		alszap.Field("request_id", alshttp.RequestIDStorage()),
//		alszap.Field("tenant", tenant),
//	))
//	...
//	logger.Info("order shipped") // {"level":"info",...,"msg":"order shipped","request_id":"4bf9...","tenant":"acme"}
//
// A storage with no store in the current context adds nothing, so the
// same logger serves requests and background work alike. The stores are
// those of the goroutine that logs: zap's logging calls take no ctx.
//
// Entries go through zap's own Check and Write path: the wrapped core
// decides, as it would unwrapped, whether an entry is written, so level
// checks, sampling (zap.NewProduction samples) and a Tee's per-core levels
// all still apply. [zap.Logger.With] children keep the fields; the stores'
// fields always go at the top level of the entry, outside any
// [zap.Namespace], so that request_id is found at the same place whichever
// package's logger wrote the line.
//
// The fields reach the wrapped core through its With, which encodes them
// once into a clone of its encoder. Successive entries with equal plain
// values (strings, numbers, bools, durations, times: the usual ids) reuse
// that clone, so logging in one request costs about what a Logger.With
// child costs; an entry whose stores differ from the entry before it pays
// for one With.
package alszap
