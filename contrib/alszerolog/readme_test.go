package alszerolog_test

import (
	"os"

	"github.com/rs/zerolog"

	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alszerolog"
)

// readmeLog holds the README's zerolog snippet, compiled but not run;
// ExampleFieldFunc runs the same calls.
func readmeLog() {
	logger := zerolog.New(os.Stdout).Hook(alszerolog.NewHook(
		alszerolog.Field("request_id", alshttp.RequestIDStorage()),
		alszerolog.FieldFunc("route", alshttp.Pattern),
	))
	logger.Info().Int("cents", 1299).Msg("card charged") // {"level":"info","cents":1299,"request_id":"req-42","message":"card charged"}
}

var _ = readmeLog
