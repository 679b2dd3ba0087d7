package e2e

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer keeps every log line, for tests that read them back.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var smallLoad = Load{Requests: 60, Clients: 4, MaxDuration: 30 * time.Second}

// Both versions answer every request with its own id and log one line
// that carries it.
func TestServersLogTheirRequestID(t *testing.T) {
	for _, mode := range []Mode{ModeALS, ModeCtx} {
		t.Run(string(mode), func(t *testing.T) {
			var logs lockedBuffer
			srv, err := Start(mode, &logs)
			require.NoError(t, err)
			defer func() { require.NoError(t, srv.Close()) }()

			res, err := Drive(srv.URL, smallLoad)
			require.NoError(t, err)
			require.NoError(t, res.FirstErr)
			assert.Equal(t, smallLoad.Requests, res.Completed)
			assert.Zero(t, res.Failed)
			assert.Positive(t, res.RPS())

			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			require.Len(t, lines, smallLoad.Requests)
			seen := map[string]bool{}
			for _, l := range lines {
				_, id, ok := strings.Cut(l, "request_id=")
				require.True(t, ok, "line without id: %s", l)
				assert.Contains(t, l, "msg=handled")
				seen[id] = true
			}
			for i := 1; i <= smallLoad.Requests; i++ {
				assert.True(t, seen["r"+strconv.Itoa(i)], "request r%d not logged", i)
			}
		})
	}
}

// A request without an id gets a generated one, in both versions.
func TestGeneratedRequestID(t *testing.T) {
	for _, mode := range []Mode{ModeALS, ModeCtx} {
		t.Run(string(mode), func(t *testing.T) {
			var logs lockedBuffer
			h, err := NewHandler(mode, slog.New(slog.NewTextHandler(&logs, nil)))
			require.NoError(t, err)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			require.Equal(t, http.StatusOK, rec.Code)
			assert.True(t, strings.HasPrefix(rec.Body.String(), "gen-"))
			assert.Contains(t, logs.String(), "request_id="+rec.Body.String())
		})
	}
}

func TestBadInput(t *testing.T) {
	_, err := NewHandler("nope", slog.Default())
	require.ErrorIs(t, err, ErrUnknownMode)
	_, err = Start("nope", &LineCounter{})
	require.ErrorIs(t, err, ErrUnknownMode)
	for _, l := range []Load{
		{Requests: 0, Clients: 1, MaxDuration: time.Second},
		{Requests: 1, Clients: 0, MaxDuration: time.Second},
		{Requests: 1, Clients: 1, MaxDuration: 0},
	} {
		_, err := Drive("http://127.0.0.1:1/", l)
		require.ErrorIs(t, err, ErrBadLoad)
	}
	_, err = Compare(smallLoad, 0)
	require.Error(t, err)
}

// A server that answers wrongly is counted as failing, not as fast.
func TestDriveCountsFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("someone else"))
	}))
	defer srv.Close()
	res, err := Drive(srv.URL, Load{Requests: 5, Clients: 2, MaxDuration: 30 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, 5, res.Failed)
	assert.Zero(t, res.Completed)
	require.Error(t, res.FirstErr)
}

// The time cap stops a run even when requests are left.
func TestDriveStopsAtMaxDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		_, _ = w.Write([]byte(r.Header.Get(RequestIDHeader)))
	}))
	defer srv.Close()
	res, err := Drive(srv.URL, Load{Requests: 1_000_000, Clients: 2, MaxDuration: 100 * time.Millisecond})
	require.NoError(t, err)
	assert.Zero(t, res.Failed)
	// 20 ms per request and two clients: far fewer than asked for, and
	// the run ends soon after the cap, however slow the machine.
	assert.Less(t, res.Completed, 1_000_000)
	assert.Less(t, res.Elapsed, 20*time.Second)
}

func TestCompare(t *testing.T) {
	c, err := Compare(smallLoad, 3)
	require.NoError(t, err)
	require.Len(t, c.ALS, 3)
	require.Len(t, c.Ctx, 3)
	assert.Positive(t, c.MedianALS)
	assert.Positive(t, c.MedianCtx)
	assert.InDelta(t, c.MedianALS/c.MedianCtx, c.Ratio(), 1e-12)
}

func TestRatioOfNothing(t *testing.T) {
	assert.Zero(t, Comparison{}.Ratio())
}

func TestLineCounter(t *testing.T) {
	var c LineCounter
	n, err := c.Write([]byte("a\nb\n"))
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	_, _ = c.Write([]byte("no newline"))
	assert.Equal(t, int64(2), c.Lines())
}
