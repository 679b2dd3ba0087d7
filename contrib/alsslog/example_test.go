package alsslog_test

import (
	"log/slog"
	"os"
	"time"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsslog"
)

var testTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// stdout writes text records without the time, so that output is stable.
// It finds os.Stdout at each write, as the example runner swaps it.
func stdout() slog.Handler {
	return slog.NewTextHandler(stdoutWriter{}, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})
}

var requestID = als.New[string]()

// chargeCard is deep in the call chain and logs with no ctx and no id.
func chargeCard(logger *slog.Logger, cents int) {
	logger.Info("card charged", "cents", cents)
}

func ExampleNewHandler() {
	logger := slog.New(alsslog.NewHandler(stdout(), alsslog.Attr("request_id", requestID)))

	requestID.Run("req-42", func() { chargeCard(logger, 1299) })
	chargeCard(logger, 5) // outside any request: no request_id
	// Output:
	// level=INFO msg="card charged" cents=1299 request_id=req-42
	// level=INFO msg="card charged" cents=5
}

func ExampleHandler_WithGroup() {
	logger := slog.New(alsslog.NewHandler(stdout(), alsslog.Attr("request_id", requestID)))
	payments := logger.WithGroup("payment")

	requestID.Run("req-43", func() { chargeCard(payments, 700) })
	// Output:
	// level=INFO msg="card charged" request_id=req-43 payment.cents=700
}

func ExampleAttrFunc() {
	user := als.New[string]()
	logger := slog.New(alsslog.NewHandler(stdout(),
		alsslog.AttrFunc("user_len", func() int { u, _ := user.GetStore(); return len(u) }),
	))
	user.Run("gopher", func() { logger.Info("signed in") })
	// Output:
	// level=INFO msg="signed in" user_len=6
}

type stdoutWriter struct{}

func (stdoutWriter) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
