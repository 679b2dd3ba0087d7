package alsslog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/slogtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
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
		{"nil inner", func() { alsslog.NewHandler(nil) }, alsslog.ErrNilHandler},
		{"nil inner is every package's nil handler", func() { alsslog.NewHandler(nil) }, alshttp.ErrNilHandler},
		{"zero option", func() { alsslog.NewHandler(slog.DiscardHandler, alsslog.Option{}) }, alsslog.ErrInvalidAttr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, panics.Error(t, tt.call), tt.want)
		})
	}
}

// replayed is what a record with stores must look like: the wrapped
// handler given the stores' attributes before the first group, then every
// With and WithGroup replayed on top. It is the slow way the Handler once
// took for each record, kept here as the reference.
func replayed(inner slog.Handler, pre []slog.Attr, stores []slog.Attr, steps []step) slog.Handler {
	h := inner.WithAttrs(pre).WithAttrs(stores)
	for _, s := range steps {
		if s.group != "" {
			h = h.WithGroup(s.group)
		} else {
			h = h.WithAttrs(s.attrs)
		}
	}
	return h
}

// step is one WithGroup (group != "") or WithAttrs call after the first
// group.
type step struct {
	group string
	attrs []slog.Attr
}

// lazy counts how often it is resolved.
type lazy struct{ n *int }

func (l lazy) LogValue() slog.Value { *l.n++; return slog.IntValue(7) }

// Built once in WithAttrs and WithGroup, a Handler's records with stores
// must read exactly as if the wrapped handler had been given the stores
// first and every call after: for JSON and text, for every group depth,
// with empty groups, inline groups and ReplaceAttr seeing the same group
// paths.
func TestGroupsMatchReplay(t *testing.T) {
	n := 0
	tests := []struct {
		name   string
		pre    []slog.Attr
		steps  []step
		record []slog.Attr
	}{
		{"one group", nil, []step{{group: "g"}}, []slog.Attr{slog.Int("a", 1)}},
		{"one group, no record attrs", nil, []step{{group: "g"}}, nil},
		{"group with attrs, empty record", nil, []step{{group: "g"}, {attrs: []slog.Attr{slog.Int("i", 2)}}}, nil},
		{"three groups", []slog.Attr{slog.Int("h", 0)},
			[]step{{group: "g"}, {attrs: []slog.Attr{slog.Int("i", 2)}}, {group: "k"}, {attrs: []slog.Attr{slog.Int("j", 3), slog.String("s", "x")}}, {group: "m"}},
			[]slog.Attr{slog.Int("a", 1), slog.Group("r", slog.Int("b", 2))}},
		{"empty middle group", nil, []step{{group: "g"}, {group: "k"}, {attrs: []slog.Attr{slog.Int("i", 2)}}, {group: "m"}}, []slog.Attr{slog.Int("a", 1)}},
		{"only empty groups in the record", nil, []step{{group: "g"}, {group: "k"}}, []slog.Attr{slog.Group("e")}},
		{"inline group", nil, []step{{group: "g"}}, []slog.Attr{slog.Group("", slog.Int("x", 1), slog.Int("y", 2))}},
		{"two WithAttrs in one group", nil, []step{{group: "g"}, {attrs: []slog.Attr{slog.Int("i", 1)}}, {attrs: []slog.Attr{slog.Int("j", 2)}}}, []slog.Attr{slog.Int("a", 1)}},
		{"LogValuer given to With", nil, []step{{group: "g"}, {attrs: []slog.Attr{slog.Any("lazy", lazy{&n})}}}, []slog.Attr{slog.Int("a", 1)}},
	}
	replace := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		if a.Value.Kind() != slog.KindGroup {
			a.Key = strings.Join(append(slices.Clone(groups), a.Key), "/")
		}
		return a
	}
	handlers := map[string]func(w *bytes.Buffer) slog.Handler{
		"json": func(w *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		"text": func(w *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: replace})
		},
	}
	reqID := als.New[string]()
	stores := []slog.Attr{slog.String("request_id", "r1")}
	for kind, mk := range handlers {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				var got, want bytes.Buffer
				var h slog.Handler = alsslog.NewHandler(mk(&got), alsslog.Attr("request_id", reqID))
				h = h.WithAttrs(tt.pre)
				for _, s := range tt.steps {
					if s.group != "" {
						h = h.WithGroup(s.group)
					} else {
						h = h.WithAttrs(s.attrs)
					}
				}
				ref := replayed(mk(&want), tt.pre, stores, tt.steps)
				r := slog.NewRecord(testTime, slog.LevelInfo, "m", 0)
				r.AddAttrs(tt.record...)
				resolved := n
				reqID.Run("r1", func() {
					for range 2 { // the second record must not differ: nothing is built twice into h
						require.NoError(t, h.Handle(context.Background(), r))
					}
				})
				assert.Equal(t, resolved, n, "a LogValuer given to With is resolved by With, not per record")
				require.NoError(t, ref.Handle(context.Background(), r))
				require.NoError(t, ref.Handle(context.Background(), r))
				assert.Equal(t, want.String(), got.String())
				assert.Contains(t, got.String(), "request_id")
			})
		}
	}
}
