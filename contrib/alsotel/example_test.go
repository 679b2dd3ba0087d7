package alsotel_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsotel"
	"github.com/go-als/als/contrib/alsslog"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

func ExamplePropagator() {
	plan := als.New[string]()
	prop := alsotel.NewPropagator(alsotel.RequestIDMember(), alsotel.String("plan", plan))

	// Logs without the time, so that the output is stable.
	logger := slog.New(alsslog.NewHandler(
		slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(g) == 0 {
				return slog.Attr{}
			}
			return a
		}}),
		alsslog.Attr("request_id", alshttp.RequestIDStorage()),
		alsslog.Attr("plan", plan),
	))

	// Service B logs; nothing was passed to it in code.
	b := httptest.NewServer(prop.Middleware(alshttp.Middleware(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { logger.Info("quota checked") }))))
	defer b.Close()

	// Service A serves a request and calls B through the instrumented client.
	client := &http.Client{Transport: &alsotel.Transport{Propagator: prop}}
	a := httptest.NewServer(prop.Middleware(alshttp.Middleware(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			plan.Run("pro", func() {
				logger.Info("upload started")
				resp, err := client.Get(b.URL)
				if err != nil {
					panic(err)
				}
				resp.Body.Close()
			})
		}))))
	defer a.Close()

	req, _ := http.NewRequest(http.MethodPut, a.URL, nil)
	req.Header.Set("X-Request-Id", "req-77")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	// Output:
	// level=INFO msg="upload started" request_id=req-77 plan=pro
	// level=INFO msg="quota checked" request_id=req-77 plan=pro
}

func ExampleStart() {
	tp := sdktrace.NewTracerProvider()
	defer func() { _ = tp.Shutdown(context.Background()) }()
	tracer := tp.Tracer("example")
	prop := alsotel.NewPropagator()

	alsotel.Start(tracer, "parent", func(parent trace.Span) {
		alsotel.Start(tracer, "child", func(child trace.Span) {
			same := child.SpanContext().TraceID() == parent.SpanContext().TraceID()
			fmt.Println("child in parent's trace:", same)

			// An outgoing call made here carries the child's trace context.
			h := propagation.MapCarrier{}
			prop.Inject(context.Background(), h)
			fmt.Println("traceparent sent:", h.Get("traceparent") != "")
		})
	})
	// Output:
	// child in parent's trace: true
	// traceparent sent: true
}

func ExamplePropagator_Extract() {
	tenant := als.New[string]()
	prop := alsotel.NewPropagator(alsotel.String("tenant", tenant))

	// What a library such as otelhttp does with a registered propagator.
	carrier := propagation.MapCarrier{"baggage": "tenant=acme"}
	ctx := prop.Extract(context.Background(), carrier)

	als.RunContext(ctx, func() {
		t, _ := tenant.GetStore()
		fmt.Println("tenant:", t)
	})
	// Output:
	// tenant: acme
}
