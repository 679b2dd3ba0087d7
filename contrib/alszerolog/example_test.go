package alszerolog_test

import (
	"context"
	"os"
	"sync"

	"github.com/rs/zerolog"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszerolog"
)

var requestID = als.New[string]()

// stdout finds os.Stdout at each write, as the example runner swaps it.
type stdout struct{}

func (stdout) Write(p []byte) (int, error) { return os.Stdout.Write(p) }

// chargeCard is deep in the call chain and logs with no ctx and no id.
func chargeCard(logger zerolog.Logger, cents int) {
	logger.Info().Int("cents", cents).Msg("card charged")
}

func ExampleNewHook() {
	logger := zerolog.New(stdout{}).Hook(alszerolog.NewHook(alszerolog.Field("request_id", requestID)))

	requestID.Run("req-42", func() { chargeCard(logger, 1299) })
	chargeCard(logger, 5) // outside any request: no request_id
	// Output:
	// {"level":"info","cents":1299,"request_id":"req-42","message":"card charged"}
	// {"level":"info","cents":5,"message":"card charged"}
}

// Sub-loggers keep the hook, and a goroutine started with als.Go logs
// the same id.
func ExampleHook_subLogger() {
	logger := zerolog.New(stdout{}).Hook(alszerolog.NewHook(alszerolog.Field("request_id", requestID)))
	payments := logger.With().Str("svc", "payments").Logger()

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
	// {"level":"info","svc":"payments","cents":700,"request_id":"req-43","message":"card charged"}
}

// An event given a ctx made by als.WithContext logs that ctx's stores,
// for code that is handed a ctx from another goroutine.
func ExampleHook_ctx() {
	logger := zerolog.New(stdout{}).Hook(alszerolog.NewHook(alszerolog.Field("request_id", requestID)))
	var ctx context.Context
	requestID.Run("req-44", func() { ctx = als.WithContext(context.Background()) })

	logger.Info().Ctx(ctx).Msg("from the ctx")
	// Output:
	// {"level":"info","request_id":"req-44","message":"from the ctx"}
}

func ExampleFieldFunc() {
	user := als.New[string]()
	logger := zerolog.New(stdout{}).Hook(alszerolog.NewHook(
		alszerolog.FieldFunc("user_len", func() int { u, _ := user.GetStore(); return len(u) }),
	))
	user.Run("gopher", func() { logger.Info().Msg("signed in") })
	// Output:
	// {"level":"info","user_len":6,"message":"signed in"}
}
