package alszap_test

import (
	"os"
	"sync"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszap"
)

var requestID = als.New[string]()

// stdoutCore writes JSON entries without time and caller, so that output
// is stable. It finds os.Stdout at each write, as the example runner
// swaps it.
func stdoutCore() zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(stdoutWriter{}), zap.InfoLevel)
}

type stdoutWriter struct{}

func (stdoutWriter) Write(p []byte) (int, error) { return os.Stdout.Write(p) }

// chargeCard is deep in the call chain and logs with no ctx and no id.
func chargeCard(logger *zap.Logger, cents int) {
	logger.Info("card charged", zap.Int("cents", cents))
}

func ExampleNewCore() {
	logger := zap.New(alszap.NewCore(stdoutCore(), alszap.Field("request_id", requestID)))

	requestID.Run("req-42", func() { chargeCard(logger, 1299) })
	chargeCard(logger, 5) // outside any request: no request_id
	// Output:
	// {"level":"info","msg":"card charged","request_id":"req-42","cents":1299}
	// {"level":"info","msg":"card charged","cents":5}
}

// With children keep their fields; a namespace does not swallow the
// stores' fields, and a goroutine started with als.Go logs the same id.
func ExampleWrapCore() {
	logger := zap.New(stdoutCore(), alszap.WrapCore(alszap.Field("request_id", requestID)))
	payments := logger.With(zap.String("svc", "payments"), zap.Namespace("payment"))

	requestID.Run("req-43", func() {
		var wg sync.WaitGroup
		wg.Add(1)
		als.Go(func() {
			defer wg.Done()
			chargeCard(payments, 700)
		})
		wg.Wait()
	})
	// Output:
	// {"level":"info","msg":"card charged","svc":"payments","request_id":"req-43","payment":{"cents":700}}
}

func ExampleFieldFunc() {
	user := als.New[string]()
	logger := zap.New(stdoutCore(), alszap.WrapCore(
		alszap.FieldFunc("user_len", func() int { u, _ := user.GetStore(); return len(u) }),
	))
	user.Run("gopher", func() { logger.Info("signed in") })
	// Output:
	// {"level":"info","msg":"signed in","user_len":6}
}
