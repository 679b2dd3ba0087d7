package alsnats_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsnats"
	"github.com/go-als/als/contrib/alsprop"
	"github.com/go-als/als/contrib/alsslog"
	"github.com/go-als/als/internal/logbuf"
)

var (
	tenant = als.New[string]()
	prop   = alsprop.NewPropagator(alsprop.RequestIDMember(), alsprop.String("tenant", tenant))
)

// seen is what one place saw of the publisher's stores.
type seen struct{ RequestID, Tenant string }

func current() seen {
	id, _ := alshttp.RequestIDStorage().GetStore()
	t, _ := tenant.GetStore()
	return seen{id, t}
}

// startBroker runs a real NATS server in-process on 127.0.0.1, on a port
// of its own, until the test ends.
func startBroker(t *testing.T) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	require.NoError(t, err)
	s.Start() // non-blocking: the broker serves in goroutines of its own
	require.True(t, s.ReadyForConnections(10*time.Second), "broker did not start")
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s.ClientURL()
}

// connect returns a new connection to the broker at url, one per service,
// closed when the test ends.
func connect(t *testing.T, url string) *alsnats.Conn {
	t.Helper()
	nc, err := nats.Connect(url)
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	return alsnats.New(nc, prop)
}

// logger returns a logger that adds the request id and tenant to each
// line, and the buffer its lines go to.
func logger() (*slog.Logger, *logbuf.Buffer) {
	buf := &logbuf.Buffer{}
	return slog.New(alsslog.NewHandler(slog.NewTextHandler(buf, nil),
		alsslog.Attr("request_id", alshttp.RequestIDStorage()), alsslog.Attr("tenant", tenant))), buf
}

// within waits for one value from ch, or fails the test.
func within[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		require.FailNow(t, "no message within 10s")
		panic("unreachable")
	}
}
