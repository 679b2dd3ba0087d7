package alszerolog_test

import (
	"io"
	"testing"

	"github.com/rs/zerolog"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszerolog"
)

// BenchmarkLogger measures one Info event, plain and hooked, with and
// without a store to add, beside a plain logger that adds the same field
// by hand.
func BenchmarkLogger(b *testing.B) {
	reqID := als.New[string]()
	const id = "0af7651916cd43dd8448eb211c80319c"
	plain := zerolog.New(io.Discard)
	hooked := plain.Hook(alszerolog.NewHook(alszerolog.Field("request_id", reqID)))
	infoOnly := hooked.Level(zerolog.InfoLevel)
	cases := []struct {
		name  string
		log   func()
		store bool
	}{
		{"plain", func() { plain.Info().Int("k", 1).Msg("m") }, false},
		{"plain/field-by-hand", func() { plain.Info().Int("k", 1).Str("request_id", id).Msg("m") }, false},
		{"hooked/no-store", func() { hooked.Info().Int("k", 1).Msg("m") }, false},
		{"hooked/store", func() { hooked.Info().Int("k", 1).Msg("m") }, true},
		{"hooked/debug-disabled/store", func() { infoOnly.Debug().Int("k", 1).Msg("m") }, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			run := func() {
				b.ReportAllocs()
				for b.Loop() {
					c.log()
				}
			}
			if c.store {
				reqID.Run(id, run)
			} else {
				run()
			}
		})
	}
}
