package alszerolog_test

import (
	"os"

	"github.com/rs/zerolog"

	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alszerolog"
)

// alshttp's request id and route on every event; here the id is set by
// hand, as a job runner would, and with no route the field is left out.
func ExampleNewHook_alshttp() {
	logger := zerolog.New(os.Stdout).Hook(alszerolog.NewHook(
		alszerolog.Field("request_id", alshttp.RequestIDStorage()),
		alszerolog.FieldFunc("route", alshttp.Pattern),
	))
	alshttp.RequestIDStorage().Run("req-42", func() {
		logger.Info().Int("cents", 1299).Msg("card charged")
	})
	// Output:
	// {"level":"info","cents":1299,"request_id":"req-42","message":"card charged"}
}
