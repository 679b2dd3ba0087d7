package alszap_test

import (
	"io"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszap"
)

// BenchmarkLogger measures one Info call through a production JSON core,
// plain and wrapped, with and without a store to add, and in a With
// child (whose fields the wrapped core re-encodes on top of the store's
// only after a namespace).
func BenchmarkLogger(b *testing.B) {
	reqID := als.New[string]()
	core := func() zapcore.Core {
		return zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(io.Discard), zap.InfoLevel)
	}
	plain := zap.New(core())
	wrapped := zap.New(alszap.NewCore(core(), alszap.Field("request_id", reqID)))
	cases := []struct {
		name   string
		logger *zap.Logger
		store  bool
	}{
		{"plain", plain, false},
		{"plain/field", plain.With(zap.String("request_id", "0af7651916cd43dd8448eb211c80319c")), false},
		{"wrapped/no-store", wrapped, false},
		{"wrapped/store", wrapped, true},
		{"plain/with", plain.With(zap.Int("a", 1)), false},
		{"wrapped/with/store", wrapped.With(zap.Int("a", 1)), true},
		{"wrapped/namespace/store", wrapped.With(zap.Namespace("g"), zap.Int("a", 1)), true},
		{"wrapped/debug-disabled/store", wrapped, true},
	}
	// Entries of two requests in turn: the core re-encodes the store's
	// field each time, as its one-entry cache holds the other request's.
	ids := []string{"0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736"}
	for _, c := range []struct {
		name   string
		logger *zap.Logger
	}{{"plain/alternating-runs", plain}, {"wrapped/alternating-stores", wrapped}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				reqID.Run(ids[i%2], func() { c.logger.Info("m", zap.Int("k", 1)) })
			}
		})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			log := c.logger.Info
			if c.name == "wrapped/debug-disabled/store" {
				log = c.logger.Debug
			}
			run := func() {
				b.ReportAllocs()
				for b.Loop() {
					log("m", zap.Int("k", 1))
				}
			}
			if c.store {
				reqID.Run("0af7651916cd43dd8448eb211c80319c", run)
			} else {
				run()
			}
		})
	}
}
