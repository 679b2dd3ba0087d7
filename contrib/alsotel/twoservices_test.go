package alsotel_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsotel"
	"github.com/go-als/als/contrib/alsslog"
	"github.com/go-als/als/internal/logbuf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// What service B's handler saw.
type bSaw struct {
	requestID, tenant, foreign string
	hasTenant                  bool
	span                       trace.SpanContext
}

// TestTwoServices is the end-to-end story: a client calls A with request
// id X; A calls B through the instrumented client with no id, tenant or
// span passed along in code; B's handler and its log line see them all.
func TestTwoServices(t *testing.T) {
	tenant := als.New[string]()
	prop := alsotel.NewPropagator(alsotel.RequestIDMember(), alsotel.String("tenant", tenant))
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	tracer := tp.Tracer("alsotel_test")

	var logs logbuf.Buffer
	logger := slog.New(alsslog.NewHandler(slog.NewJSONHandler(&logs, nil),
		alsslog.Attr("request_id", alshttp.RequestIDStorage()),
		alsslog.Attr("tenant", tenant),
		alsslog.AttrFunc("route", alshttp.Pattern),
	))

	// Service B.
	var saw bSaw
	muxB := http.NewServeMux()
	muxB.HandleFunc("GET /stock/{sku}", func(w http.ResponseWriter, r *http.Request) {
		alsotel.Start(tracer, "b.stock", func(span trace.Span) {
			saw.requestID = alshttp.RequestID()
			saw.tenant, saw.hasTenant = tenant.GetStore()
			saw.foreign = alsotel.Baggage().Member("foreign").Value()
			saw.span = span.SpanContext()
			logger.Info("stock checked", "sku", r.PathValue("sku"))
		})
	})
	b := httptest.NewServer(prop.Middleware(alshttp.Middleware(muxB)))
	defer b.Close()

	// Service A.
	client := &http.Client{Transport: &alsotel.Transport{Propagator: prop}}
	var aSpan trace.SpanContext
	var bEcho string
	muxA := http.NewServeMux()
	muxA.HandleFunc("POST /orders", func(w http.ResponseWriter, r *http.Request) {
		tenant.Run("acme", func() {
			alsotel.Start(tracer, "a.order", func(span trace.Span) {
				aSpan = span.SpanContext()
				logger.Info("order received")
				resp, err := client.Get(b.URL + "/stock/42")
				if !assert.NoError(t, err) {
					return
				}
				defer resp.Body.Close()
				_, _ = io.Copy(io.Discard, resp.Body)
				bEcho = resp.Header.Get(alshttp.RequestIDHeader)
			})
		})
	})
	a := httptest.NewServer(prop.Middleware(alshttp.Middleware(muxA)))
	defer a.Close()

	req, err := http.NewRequest(http.MethodPost, a.URL+"/orders", nil)
	require.NoError(t, err)
	req.Header.Set(alshttp.RequestIDHeader, "X-1234")
	req.Header.Set("Baggage", "foreign=keep-me")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	// B's store.
	assert.Equal(t, "X-1234", saw.requestID)
	assert.Equal(t, "X-1234", bEcho, "B adopted the id and echoed it")
	assert.True(t, saw.hasTenant)
	assert.Equal(t, "acme", saw.tenant)
	assert.Equal(t, "keep-me", saw.foreign, "baggage A received reaches B")
	require.True(t, aSpan.IsValid())
	assert.Equal(t, aSpan.TraceID(), saw.span.TraceID(), "one trace across both services")

	// The spans as the SDK recorded them: b.stock is a child of a.order.
	ended := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range rec.Ended() {
		ended[s.Name()] = s
	}
	require.Contains(t, ended, "a.order")
	require.Contains(t, ended, "b.stock")
	assert.Equal(t, aSpan.SpanID(), ended["b.stock"].Parent().SpanID())
	assert.True(t, ended["b.stock"].Parent().IsRemote())

	// B's log line carries X with no ctx in the logging call chain.
	lines := logs.Lines(t)
	require.Len(t, lines, 2)
	assert.Equal(t, "order received", lines[0]["msg"])
	assert.Equal(t, "X-1234", lines[0]["request_id"])
	assert.Equal(t, "POST /orders", lines[0]["route"])
	assert.Equal(t, "stock checked", lines[1]["msg"])
	assert.Equal(t, "X-1234", lines[1]["request_id"])
	assert.Equal(t, "acme", lines[1]["tenant"])
	assert.Equal(t, "GET /stock/{sku}", lines[1]["route"])
	assert.Equal(t, "42", lines[1]["sku"])
}
