// Package alszerolog puts stores into zerolog logs: its [Hook] adds chosen
// storages' values as fields to every event, so a request id appears on
// every log line of the request with no ctx and no logger passed down the
// call chain.
//
//	logger := zerolog.New(os.Stdout).Hook(alszerolog.NewHook(
//		alszerolog.Field("request_id", alshttp.RequestIDStorage()),
//		alszerolog.Field("tenant", tenant),
//	))
//	...
//	logger.Info().Msg("order shipped") // {"level":"info","request_id":"4bf9...","tenant":"acme","message":"order shipped"}
//
// A [zerolog.Hook] is zerolog's own way to enrich every event: hooks run
// when an event is sent, only for events the logger's level and sampler
// let through, and are kept by every sub-logger made with With. So a
// Hook costs nothing for disabled levels and a logger keeps its levels
// and sampling. A storage with no store in the current context adds
// nothing, so the same logger serves requests and background work alike.
//
// The stores are those of the context the event's ctx carries
// ([als.WithContext]), when it carries one, as with
// logger.Info().Ctx(ctx) or a logger made with With().Ctx(ctx); otherwise
// those of the goroutine that sends the event.
package alszerolog
