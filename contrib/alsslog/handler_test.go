package alsslog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsslog"
	"github.com/go-als/als/internal/panics"
)

// jsonLines parses the buffer's JSON lines.
func jsonLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(buf.Bytes(), []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal(line, &m), "line %s", line)
		out = append(out, m)
	}
	return out
}

func TestSlogtestWithoutStores(t *testing.T) {
	reqID := als.New[string]()
	var buf bytes.Buffer
	h := alsslog.NewHandler(slog.NewJSONHandler(&buf, nil), alsslog.Attr("request_id", reqID))
	require.NoError(t, slogtest.TestHandler(h, func() []map[string]any { return jsonLines(t, &buf) }))
}

func TestSlogtestPerCase(t *testing.T) {
	var buf bytes.Buffer
	slogtest.Run(t, func(*testing.T) slog.Handler {
		buf.Reset()
		return alsslog.NewHandler(slog.NewJSONHandler(&buf, nil), alsslog.Attr("request_id", als.New[string]()))
	}, func(t *testing.T) map[string]any {
		lines := jsonLines(t, &buf)
		require.Len(t, lines, 1)
		return lines[0]
	})
}

// With stores present every record gets a top-level request_id; the
// wrapped handler's semantics must hold all the same.
func TestSlogtestWithStores(t *testing.T) {
	reqID := als.New[string]()
	tenant := als.New[int]()
	var buf bytes.Buffer
	h := alsslog.NewHandler(slog.NewJSONHandler(&buf, nil),
		alsslog.Attr("request_id", reqID), alsslog.Attr("tenant", tenant))
	reqID.Run("req-1", func() {
		tenant.Run(7, func() {
			require.NoError(t, slogtest.TestHandler(h, func() []map[string]any {
				lines := jsonLines(t, &buf)
				for _, l := range lines {
					assert.Equal(t, "req-1", l["request_id"])
					assert.Equal(t, float64(7), l["tenant"])
				}
				return lines
			}))
		})
	})
}

func TestAttrsAtTopLevel(t *testing.T) {
	reqID := als.New[string]()
	route := als.New[string]()
	var buf bytes.Buffer
	logger := slog.New(alsslog.NewHandler(slog.NewJSONHandler(&buf, nil),
		alsslog.Attr("request_id", reqID),
		alsslog.AttrFunc("route", func() string { r, _ := route.GetStore(); return r }),
	))
	tests := []struct {
		name string
		log  func()
		want string // the record without time and level
	}{
		{"plain", func() { logger.Info("m", "a", 1) },
			`{"msg":"m","a":1,"request_id":"r1","route":"/x"}`},
		{"with attrs", func() { logger.With("h", 0).Info("m", "a", 1) },
			`{"msg":"m","h":0,"a":1,"request_id":"r1","route":"/x"}`},
		{"group", func() { logger.WithGroup("g").Info("m", "a", 1) },
			`{"msg":"m","request_id":"r1","route":"/x","g":{"a":1}}`},
		{"group, attrs, group", func() { logger.With("h", 0).WithGroup("g").With("i", 2).WithGroup("k").Info("m", "a", 1) },
			`{"msg":"m","h":0,"request_id":"r1","route":"/x","g":{"i":2,"k":{"a":1}}}`},
		{"empty group omitted", func() { logger.WithGroup("g").Info("m") },
			`{"msg":"m","request_id":"r1","route":"/x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf.Reset()
			reqID.Run("r1", func() { route.Run("/x", tt.log) })
			assert.JSONEq(t, tt.want, stripTimeLevel(t, buf.String()))

			buf.Reset()
			tt.log() // outside any context nothing is added
			got := stripTimeLevel(t, buf.String())
			assert.NotContains(t, got, "request_id")
			assert.NotContains(t, got, "route")
		})
	}
}

func stripTimeLevel(t *testing.T, line string) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &m), line)
	delete(m, "time")
	delete(m, "level")
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

func TestLogContextWins(t *testing.T) {
	reqID := als.New[string]()
	var buf bytes.Buffer
	logger := slog.New(alsslog.NewHandler(slog.NewTextHandler(&buf, nil), alsslog.Attr("request_id", reqID),
		alsslog.AttrFunc("upper", func() string { v, _ := reqID.GetStore(); return strings.ToUpper(v) })))
	var ctx context.Context
	reqID.Run("from-ctx", func() { ctx = als.WithContext(context.Background()) })
	reqID.Run("goroutine", func() {
		logger.InfoContext(ctx, "a")
		logger.InfoContext(context.Background(), "b")
		logger.WithGroup("g").InfoContext(ctx, "c")
	})
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 3)
	assert.Contains(t, lines[0], "msg=a request_id=from-ctx upper=FROM-CTX")
	assert.Contains(t, lines[1], "msg=b request_id=goroutine upper=GOROUTINE")
	assert.Contains(t, lines[2], "msg=c request_id=from-ctx upper=FROM-CTX")
}

// The caller's Record must not change when the handler adds attributes.
func TestHandleLeavesRecordAlone(t *testing.T) {
	reqID := als.New[string]()
	var buf bytes.Buffer
	h := alsslog.NewHandler(slog.NewJSONHandler(&buf, nil), alsslog.Attr("request_id", reqID))
	r := slog.NewRecord(testTime, slog.LevelInfo, "m", 0)
	r.AddAttrs(slog.Int("a", 1), slog.Int("b", 2), slog.Int("c", 3), slog.Int("d", 4), slog.Int("e", 5), slog.Int("f", 6))
	reqID.Run("x", func() {
		require.NoError(t, h.Handle(context.Background(), r))
		require.NoError(t, h.Handle(context.Background(), r))
	})
	assert.Equal(t, 6, r.NumAttrs())
	lines := jsonLines(t, &buf)
	require.Len(t, lines, 2)
	assert.Equal(t, lines[0], lines[1])
}

func TestEnabledFollowsInner(t *testing.T) {
	h := alsslog.NewHandler(slog.NewTextHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx := context.Background()
	assert.False(t, h.Enabled(ctx, slog.LevelInfo))
	assert.True(t, h.Enabled(ctx, slog.LevelWarn))
	assert.False(t, h.WithGroup("g").WithAttrs([]slog.Attr{slog.Int("a", 1)}).Enabled(ctx, slog.LevelInfo))
}

func TestBadOptionsPanic(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want error
	}{
		{"empty key", func() { alsslog.Attr("", als.New[int]()) }, alsslog.ErrInvalidAttr},
		{"nil storage", func() { alsslog.Attr[int]("k", nil) }, alsslog.ErrInvalidAttr},
		{"nil func", func() { alsslog.AttrFunc[string]("k", nil) }, als.ErrNilFunc},
		{"func empty key", func() { alsslog.AttrFunc("", func() int { return 1 }) }, alsslog.ErrInvalidAttr},
		{"nil inner", func() { alsslog.NewHandler(nil) }, alsslog.ErrInvalidAttr},
		{"zero option", func() { alsslog.NewHandler(slog.DiscardHandler, alsslog.Option{}) }, alsslog.ErrInvalidAttr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}
