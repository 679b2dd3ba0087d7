package alsotel_test

import (
	"net/http"

	"go.opentelemetry.io/otel/trace"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsotel"
)

// readmeServe holds the README's alsotel snippet, compiled but not run:
// it serves on a real address. ExamplePropagator runs the same calls.
func readmeServe(addr string, tenant *als.Storage[string], shard *als.Storage[int], mux *http.ServeMux, tracer trace.Tracer, billingURL string) {
	prop := alsotel.NewPropagator(
		alsotel.RequestIDMember(),                         // alshttp's id, as request_id
		alsotel.String("tenant", tenant),                  // *als.Storage[string]
		alsotel.Value("shard", shard, alsotel.IntCodec()), // any T with a Codec[T]
	)
	client := &http.Client{Transport: &alsotel.Transport{Propagator: prop}} // calling side
	http.ListenAndServe(addr, prop.Middleware(alshttp.Middleware(mux)))     // receiving side

	alsotel.Start(tracer, "charge", func(span trace.Span) { // child of the current span
		client.Get(billingURL) // sends request_id, tenant, shard and traceparent
	})
}

var _ = readmeServe
