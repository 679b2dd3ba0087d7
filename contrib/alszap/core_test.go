package alszap_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alszap"
	"github.com/go-als/als/internal/logbuf"
	"github.com/go-als/als/internal/panics"
)

// jsonCore is a production JSON core at level writing to a locked buffer.
func jsonCore(level zapcore.Level) (zapcore.Core, *bytes.Buffer) {
	buf := new(bytes.Buffer)
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	return zapcore.NewCore(enc, zapcore.Lock(zapcore.AddSync(buf)), level), buf
}

// zap.NewProduction itself, with its stderr swapped for a file for the
// time it opens its sink: levels, sampling setup, caller and With
// children as a service gets them.
func TestNewProduction(t *testing.T) {
	reqID := als.New[string]()
	tenant := als.New[int]()
	path := filepath.Join(t.TempDir(), "stderr")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	stderr := os.Stderr
	os.Stderr = f
	logger, err := zap.NewProduction(alszap.WrapCore(
		alszap.Field("request_id", reqID), alszap.Field("tenant", tenant)))
	os.Stderr = stderr
	require.NoError(t, err)

	child := logger.With(zap.String("svc", "orders"))
	reqID.Run("req-1", func() {
		tenant.Run(7, func() {
			logger.Info("a")
			logger.Debug("not written: production logs info and up")
			var wg sync.WaitGroup
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				child.Warn("b", zap.Int("n", 1))
			})
			wg.Wait()
		})
	})
	logger.Info("c")
	require.NoError(t, logger.Sync())

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := logbuf.JSONLines(t, b)
	require.Len(t, lines, 3, "%s", b)
	for _, l := range lines {
		assert.Contains(t, l, "ts")
		assert.Contains(t, l, "caller")
	}
	assert.Equal(t, "a", lines[0]["msg"])
	assert.Equal(t, "req-1", lines[0]["request_id"])
	assert.Equal(t, float64(7), lines[0]["tenant"])
	assert.Equal(t, "b", lines[1]["msg"])
	assert.Equal(t, "warn", lines[1]["level"])
	assert.Equal(t, "req-1", lines[1]["request_id"])
	assert.Equal(t, float64(7), lines[1]["tenant"])
	assert.Equal(t, "orders", lines[1]["svc"])
	assert.Equal(t, float64(1), lines[1]["n"])
	assert.Equal(t, "c", lines[2]["msg"])
	assert.NotContains(t, lines[2], "request_id")
	assert.NotContains(t, lines[2], "tenant")
}

// The sampler inside decides as it would unwrapped, and a With child
// shares its counts: of 25 equal entries, 3 are written, then every 10th.
func TestSamplingStillApplies(t *testing.T) {
	reqID := als.New[string]()
	inner, buf := jsonCore(zap.InfoLevel)
	var sampled, dropped atomic.Int64
	sampler := zapcore.NewSamplerWithOptions(inner, time.Hour, 3, 10,
		zapcore.SamplerHook(func(_ zapcore.Entry, d zapcore.SamplingDecision) {
			if d&zapcore.LogDropped != 0 {
				dropped.Add(1)
			} else {
				sampled.Add(1)
			}
		}))
	logger := zap.New(alszap.NewCore(sampler, alszap.Field("request_id", reqID)))
	child := logger.With(zap.String("svc", "x"))
	reqID.Run("req-1", func() {
		for i := range 25 {
			l := logger
			if i%2 == 1 {
				l = child
			}
			l.Info("same message", zap.Int("i", i))
		}
	})
	lines := logbuf.JSONLines(t, buf.Bytes())
	var got []float64
	for _, l := range lines {
		assert.Equal(t, "req-1", l["request_id"])
		got = append(got, l["i"].(float64))
	}
	// counts 1, 2, 3, 13 and 23 are written: i = count-1
	assert.Equal(t, []float64{0, 1, 2, 12, 22}, got)
	assert.Equal(t, int64(5), sampled.Load())
	assert.Equal(t, int64(20), dropped.Load())
}

// Each core of a Tee keeps its own level: the stores' fields reach only
// the cores that take the entry.
func TestTeeLevelsStillApply(t *testing.T) {
	reqID := als.New[string]()
	all, allBuf := jsonCore(zap.DebugLevel)
	errs, errBuf := jsonCore(zap.ErrorLevel)
	logger := zap.New(alszap.NewCore(zapcore.NewTee(all, errs), alszap.Field("request_id", reqID)))
	reqID.Run("req-1", func() {
		logger.Debug("d")
		logger.Info("i")
		logger.Error("e")
	})
	allLines := logbuf.JSONLines(t, allBuf.Bytes())
	require.Len(t, allLines, 3)
	errLines := logbuf.JSONLines(t, errBuf.Bytes())
	require.Len(t, errLines, 1)
	assert.Equal(t, "e", errLines[0]["msg"])
	for _, l := range append(allLines, errLines...) {
		assert.Equal(t, "req-1", l["request_id"])
	}
}

func TestFieldsAtTopLevel(t *testing.T) {
	reqID := als.New[string]()
	route := als.New[string]()
	inner, buf := jsonCore(zap.InfoLevel)
	logger := zap.New(alszap.NewCore(inner,
		alszap.Field("request_id", reqID),
		alszap.FieldFunc("route", func() string { r, _ := route.GetStore(); return r }),
	))
	tests := []struct {
		name string
		log  func()
		want string // the entry without ts and level
	}{
		{"plain", func() { logger.Info("m", zap.Int("a", 1)) },
			`{"msg":"m","a":1,"request_id":"r1","route":"/x"}`},
		{"with", func() { logger.With(zap.Int("h", 0)).Info("m", zap.Int("a", 1)) },
			`{"msg":"m","h":0,"a":1,"request_id":"r1","route":"/x"}`},
		{"namespace", func() { logger.With(zap.Namespace("g")).Info("m", zap.Int("a", 1)) },
			`{"msg":"m","request_id":"r1","route":"/x","g":{"a":1}}`},
		{"with, namespace, with, namespace", func() {
			logger.With(zap.Int("h", 0), zap.Namespace("g"), zap.Int("i", 2)).With(zap.Namespace("k")).Info("m", zap.Int("a", 1))
		}, `{"msg":"m","h":0,"request_id":"r1","route":"/x","g":{"i":2,"k":{"a":1}}}`},
		{"namespace in the call", func() { logger.Info("m", zap.Namespace("g"), zap.Int("a", 1)) },
			`{"msg":"m","request_id":"r1","route":"/x","g":{"a":1}}`},
		{"lazy with", func() { logger.WithLazy(zap.Int("h", 0)).Info("m") },
			`{"msg":"m","h":0,"request_id":"r1","route":"/x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf.Reset()
			reqID.Run("r1", func() { route.Run("/x", tt.log) })
			assert.JSONEq(t, tt.want, stripTSLevel(t, buf.Bytes()))

			buf.Reset()
			tt.log() // outside any context nothing is added
			got := stripTSLevel(t, buf.Bytes())
			assert.NotContains(t, got, "request_id")
			assert.NotContains(t, got, "route")
		})
	}
}

func stripTSLevel(t *testing.T, line []byte) string {
	t.Helper()
	lines := logbuf.JSONLines(t, line)
	require.Len(t, lines, 1)
	delete(lines[0], "ts")
	delete(lines[0], "level")
	b, err := json.Marshal(lines[0])
	require.NoError(t, err)
	return string(b)
}

// Many goroutines log through one logger at once; each line carries the
// id of the goroutine that wrote it.
func TestConcurrentRequests(t *testing.T) {
	reqID := als.New[string]()
	inner, buf := jsonCore(zap.InfoLevel)
	logger := zap.New(alszap.NewCore(inner, alszap.Field("request_id", reqID))).With(zap.String("svc", "x"))
	const n, per = 16, 20
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() { //als:ignore each goroutine runs its own request
			defer wg.Done()
			id := fmt.Sprintf("req-%d", g)
			reqID.Run(id, func() {
				for range per {
					logger.Info(id)
				}
			})
		}()
	}
	wg.Wait()
	lines := logbuf.JSONLines(t, buf.Bytes())
	require.Len(t, lines, n*per)
	for _, l := range lines {
		assert.Equal(t, l["msg"], l["request_id"])
	}
}

func TestCoreMethods(t *testing.T) {
	reqID := als.New[string]()
	inner, buf := jsonCore(zap.WarnLevel)
	c := alszap.NewCore(inner, alszap.Field("request_id", reqID))
	assert.Equal(t, zap.WarnLevel, c.Level())
	assert.Equal(t, zap.WarnLevel, zap.New(c).Level())
	assert.False(t, c.Enabled(zap.InfoLevel))
	assert.True(t, c.With([]zapcore.Field{zap.Namespace("g")}).Enabled(zap.ErrorLevel))
	assert.Same(t, c, c.With(nil))
	assert.Nil(t, c.Check(zapcore.Entry{Level: zap.InfoLevel, Message: "m"}, nil))

	reqID.Run("r1", func() {
		require.NoError(t, c.Write(zapcore.Entry{Level: zap.WarnLevel, Message: "by hand"}, []zapcore.Field{zap.Int("a", 1)}))
	})
	require.NoError(t, c.Write(zapcore.Entry{Level: zap.WarnLevel, Message: "no store"}, nil))
	require.NoError(t, c.Sync())
	lines := logbuf.JSONLines(t, buf.Bytes())
	require.Len(t, lines, 2)
	assert.Equal(t, "r1", lines[0]["request_id"])
	assert.Equal(t, float64(1), lines[0]["a"])
	assert.NotContains(t, lines[1], "request_id")
}

func TestBadOptionsPanic(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"empty key", func() { alszap.Field("", als.New[int]()) }, alszap.ErrInvalidField},
		{"nil storage", func() { alszap.Field[int]("k", nil) }, alszap.ErrInvalidField},
		{"nil func", func() { alszap.FieldFunc[string]("k", nil) }, als.ErrNilFunc},
		{"func empty key", func() { alszap.FieldFunc("", func() int { return 1 }) }, alszap.ErrInvalidField},
		{"nil inner", func() { alszap.NewCore(nil) }, alszap.ErrNilHandler},
		{"zero option", func() { alszap.NewCore(zapcore.NewNopCore(), alszap.Option{}) }, alszap.ErrInvalidField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

// A store whose field can encode differently while comparing equal (here
// a pointer logged by reflection) is encoded afresh for every entry, and
// alternating stores each log their own value.
func TestFieldsFollowTheStore(t *testing.T) {
	type user struct{ Name string }
	users := als.New[*user]()
	reqID := als.New[string]()
	inner, buf := jsonCore(zap.InfoLevel)
	logger := zap.New(alszap.NewCore(inner, alszap.Field("user", users), alszap.Field("request_id", reqID)))
	u := &user{Name: "ann"}
	users.Run(u, func() {
		logger.Info("m")
		u.Name = "bob"
		logger.Info("m")
	})
	for _, id := range []string{"a", "b", "a", "a", "b"} {
		reqID.Run(id, func() { logger.Info(id) })
	}
	lines := logbuf.JSONLines(t, buf.Bytes())
	require.Len(t, lines, 7)
	assert.Equal(t, map[string]any{"Name": "ann"}, lines[0]["user"])
	assert.Equal(t, map[string]any{"Name": "bob"}, lines[1]["user"])
	for _, l := range lines[2:] {
		assert.Equal(t, l["msg"], l["request_id"])
		assert.NotContains(t, l, "user")
	}
}

// A plain store value costs no allocation more than logging without the
// core does, while the store stays the same.
func TestPlainValuesDoNotAllocate(t *testing.T) {
	reqID := als.New[string]()
	shard := als.New[int]()
	newCore := func() zapcore.Core {
		return zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(io.Discard), zap.InfoLevel)
	}
	plain := zap.New(newCore())
	wrapped := zap.New(alszap.NewCore(newCore(), alszap.Field("request_id", reqID), alszap.Field("shard", shard)))
	// Means over many entries, as floats: under -race sync.Pool drops a
	// quarter of what it is given, so zap's pooled entries and buffers
	// allocate now and then, in plain and wrapped loggers alike. One
	// allocation of our own per entry would add a whole 1 to the mean.
	want := mallocsPerRun(5000, func() { plain.Info("m") })
	reqID.Run("req-1", func() {
		shard.Run(3, func() {
			got := mallocsPerRun(5000, func() { wrapped.Info("m") })
			assert.Less(t, got-want, 0.5, "allocations per entry: %.3f wrapped, %.3f plain", got, want)
		})
	})
}

// mallocsPerRun is testing.AllocsPerRun without the rounding down.
func mallocsPerRun(n int, f func()) float64 {
	f() // warm up pools and caches
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(n)
}
