package alsslog_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsslog"
)

// BenchmarkHandler measures one Info call through a JSON handler, bare and
// wrapped, with and without a store to add, at the top level and in a
// group or three (where the stores' attributes must still land at the
// top level).
func BenchmarkHandler(b *testing.B) {
	reqID := als.New[string]()
	bare := slog.New(slog.NewJSONHandler(io.Discard, nil))
	wrapped := slog.New(alsslog.NewHandler(slog.NewJSONHandler(io.Discard, nil), alsslog.Attr("request_id", reqID)))
	cases := []struct {
		name   string
		logger *slog.Logger
		store  bool
	}{
		{"bare", bare, false},
		{"wrapped/no-store", wrapped, false},
		{"wrapped/store", wrapped, true},
		{"bare/group", bare.WithGroup("g").With("a", 1), false},
		{"wrapped/group/store", wrapped.WithGroup("g").With("a", 1), true},
		{"bare/groups3", bare.With("h", 0).WithGroup("g").With("a", 1).WithGroup("k").With("b", 2).WithGroup("m"), false},
		{"wrapped/groups3/store", wrapped.With("h", 0).WithGroup("g").With("a", 1).WithGroup("k").With("b", 2).WithGroup("m"), true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			run := func() {
				b.ReportAllocs()
				for b.Loop() {
					c.logger.Info("m", "k", 1)
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
