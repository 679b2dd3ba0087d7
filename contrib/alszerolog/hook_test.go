package alszerolog_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszerolog"
	"github.com/go-als/als/internal/logbuf"
	"github.com/go-als/als/internal/panics"
)

// The hook runs only for events the logger sends: a disabled level or a
// sampler's drop costs no store lookup and adds nothing.
func TestLevelsAndSamplingStillApply(t *testing.T) {
	reqID := als.New[string]()
	var calls atomic.Int64
	hook := alszerolog.NewHook(
		alszerolog.Field("request_id", reqID),
		alszerolog.FieldFunc("n", func() int64 { return calls.Add(1) }),
	)
	var buf logbuf.Buffer
	base := zerolog.New(&buf).Level(zerolog.InfoLevel).Hook(hook)
	tests := []struct {
		name   string
		logger zerolog.Logger
		events int
		want   int
	}{
		{"debug disabled", base, 0, 0},
		{"info", base, 5, 5},
		{"basic sampler 1 in 3", base.Sample(&zerolog.BasicSampler{N: 3}), 9, 3},
		{"burst of 2 per hour", base.Sample(&zerolog.BurstSampler{Burst: 2, Period: time.Hour}), 9, 2},
		{"sub-logger of a sampled logger", base.Sample(&zerolog.BasicSampler{N: 4}).With().Str("svc", "x").Logger(), 8, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls.Store(0)
			reqID.Run("req-1", func() {
				if tt.events == 0 {
					for range 5 {
						tt.logger.Debug().Msg("m")
					}
					return
				}
				for range tt.events {
					tt.logger.Info().Msg("m")
				}
			})
			lines := buf.TakeLines(t)
			require.Len(t, lines, tt.want)
			assert.Equal(t, int64(tt.want), calls.Load(), "the hook ran for dropped events")
			for _, l := range lines {
				assert.Equal(t, "req-1", l["request_id"])
			}
		})
	}
}

func TestContextWins(t *testing.T) {
	reqID := als.New[string]()
	var buf logbuf.Buffer
	logger := zerolog.New(&buf).Hook(alszerolog.NewHook(
		alszerolog.Field("request_id", reqID),
		alszerolog.FieldFunc("echo", func() string { v, _ := reqID.GetStore(); return v }),
	))
	var ctx, empty context.Context
	reqID.Run("from-ctx", func() { ctx = als.WithContext(context.Background()) })
	empty = als.WithContext(context.Background()) // carries the empty context
	reqID.Run("goroutine", func() {
		logger.Info().Ctx(ctx).Msg("a")
		logger.Info().Ctx(context.Background()).Msg("b")
		withCtx := logger.With().Ctx(ctx).Logger()
		withCtx.Info().Msg("c")
		logger.Info().Msg("d")
		logger.Info().Ctx(empty).Msg("e")
	})
	lines := buf.TakeLines(t)
	require.Len(t, lines, 5)
	want := []string{"from-ctx", "goroutine", "from-ctx", "goroutine", ""}
	for i, l := range lines {
		if want[i] == "" {
			assert.NotContains(t, l, "request_id", l["message"])
			assert.NotContains(t, l, "echo", l["message"])
			continue
		}
		assert.Equal(t, want[i], l["request_id"], l["message"])
		assert.Equal(t, want[i], l["echo"], l["message"])
	}
}

type money struct{ Cents int }

func (m money) String() string { return fmt.Sprintf("$%d.%02d", m.Cents/100, m.Cents%100) }

type point struct{ X, Y int }

type account struct{ ID string }

func (a account) MarshalZerologObject(e *zerolog.Event) { e.Str("id", a.ID) }

// Each type is logged with zerolog's own encoder for it.
func TestValueTypes(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		opt  func() (alszerolog.Option, func(func()))
		want any
	}{
		{"string", store("s"), "s"},
		{"int", store(-3), float64(-3)},
		{"int64", store(int64(1) << 40), float64(1 << 40)},
		{"int32", store(int32(7)), float64(7)},
		{"uint", store(uint(8)), float64(8)},
		{"uint64", store(uint64(9)), float64(9)},
		{"uint32", store(uint32(10)), float64(10)},
		{"bool", store(true), true},
		{"float64", store(1.5), 1.5},
		{"duration", store(1500 * time.Millisecond), float64(1500)},
		{"time", store(at), "2026-01-02T03:04:05Z"},
		{"stringer", store(money{1299}), "$12.99"},
		{"object marshaler", store(account{"a1"}), map[string]any{"id": "a1"}},
		{"struct", store(point{1, 2}), map[string]any{"X": float64(1), "Y": float64(2)}},
		{"error", store[error](errors.New("boom")), "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, run := tt.opt()
			var buf logbuf.Buffer
			logger := zerolog.New(&buf).Hook(alszerolog.NewHook(opt))
			run(func() { logger.Info().Msg("m") })
			lines := buf.TakeLines(t)
			require.Len(t, lines, 1)
			assert.Equal(t, tt.want, lines[0]["v"])
		})
	}
}

// store returns an Option for a new storage under key "v", and a function
// that runs fn with v as its store.
func store[T any](v T) func() (alszerolog.Option, func(func())) {
	return func() (alszerolog.Option, func(func())) {
		s := als.New[T]()
		return alszerolog.Field("v", s), func(fn func()) { s.Run(v, fn) }
	}
}

// Many goroutines log through one logger at once; each line carries the
// id of the goroutine that wrote it.
func TestConcurrentRequests(t *testing.T) {
	reqID := als.New[string]()
	var buf logbuf.Buffer
	logger := zerolog.New(&buf).Hook(alszerolog.NewHook(alszerolog.Field("request_id", reqID)))
	const n, per = 16, 20
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() { //als:ignore each goroutine runs its own request
			defer wg.Done()
			id := fmt.Sprintf("req-%d", g)
			reqID.Run(id, func() {
				for range per {
					logger.Info().Msg(id)
				}
			})
		}()
	}
	wg.Wait()
	lines := buf.TakeLines(t)
	require.Len(t, lines, n*per)
	for _, l := range lines {
		assert.Equal(t, l["message"], l["request_id"])
	}
}

func TestBadOptionsPanic(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"empty key", func() { alszerolog.Field("", als.New[int]()) }, alszerolog.ErrInvalidField},
		{"nil storage", func() { alszerolog.Field[int]("k", nil) }, alszerolog.ErrInvalidField},
		{"nil func", func() { alszerolog.FieldFunc[string]("k", nil) }, als.ErrNilFunc},
		{"func empty key", func() { alszerolog.FieldFunc("", func() int { return 1 }) }, alszerolog.ErrInvalidField},
		{"zero option", func() { alszerolog.NewHook(alszerolog.Option{}) }, alszerolog.ErrInvalidField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

// Plain values reach zerolog's typed encoders without being boxed on the
// heap: a hooked event costs no allocation more than a plain one.
func TestPlainValuesDoNotAllocate(t *testing.T) {
	reqID := als.New[string]()
	shard := als.New[int]()
	logger := zerolog.New(io.Discard).Hook(alszerolog.NewHook(
		alszerolog.Field("request_id", reqID), alszerolog.Field("shard", shard)))
	reqID.Run("req-1", func() {
		shard.Run(3, func() {
			allocs := testing.AllocsPerRun(100, func() { logger.Info().Msg("m") })
			assert.Zero(t, allocs)
		})
	})
}
