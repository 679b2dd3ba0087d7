package alsgrpc_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsgrpc"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsprop"
	"github.com/go-als/als/contrib/alsslog"
	"github.com/go-als/als/internal/logbuf"
)

var (
	tenant = als.New[string]()
	prop   = alsprop.NewPropagator(alsprop.RequestIDMember(), alsprop.String("tenant", tenant))
)

// seen is what one place in the server saw of the caller's stores.
type seen struct{ RequestID, Tenant string }

func current() seen {
	id, _ := alshttp.RequestIDStorage().GetStore()
	t, _ := tenant.GetStore()
	return seen{id, t}
}

func fromContext(ctx context.Context) seen {
	id, _ := alshttp.RequestIDStorage().FromContext(ctx)
	t, _ := tenant.FromContext(ctx)
	return seen{id, t}
}

// service is a real gRPC service (the generated health service, with
// handlers of our own) that records, for each call, what the handler,
// its ctx and a goroutine it starts with als.Go saw, and logs a line.
type service struct {
	healthpb.UnimplementedHealthServer
	logger *slog.Logger

	mu                        sync.Mutex
	handler, inCtx, goroutine []seen
}

func (s *service) record(ctx context.Context) {
	h, c := current(), fromContext(ctx)
	var g seen
	done := make(chan struct{})
	als.Go(func() { defer close(done); g = current() })
	<-done
	s.logger.Info("served")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handler = append(s.handler, h)
	s.inCtx = append(s.inCtx, c)
	s.goroutine = append(s.goroutine, g)
}

func (s *service) Check(ctx context.Context, _ *healthpb.HealthCheckRequest) (*healthpb.HealthCheckResponse, error) {
	s.record(ctx)
	return &healthpb.HealthCheckResponse{Status: healthpb.HealthCheckResponse_SERVING}, nil
}

func (s *service) Watch(_ *healthpb.HealthCheckRequest, stream healthpb.Health_WatchServer) error {
	s.record(stream.Context())
	return stream.Send(&healthpb.HealthCheckResponse{Status: healthpb.HealthCheckResponse_SERVING})
}

// last returns what the last call saw.
func (s *service) last(t *testing.T) (handler, inCtx, goroutine seen) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotEmpty(t, s.handler, "no call was served")
	n := len(s.handler) - 1
	return s.handler[n], s.inCtx[n], s.goroutine[n]
}

// fixture is a gRPC server on 127.0.0.1 with the interceptors, and two
// clients: one with the interceptors, one plain, to send raw metadata.
type fixture struct {
	svc           *service
	log           *logbuf.Buffer
	client, plain healthpb.HealthClient
}

func start(t *testing.T) *fixture {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	buf := &logbuf.Buffer{}
	svc := &service{logger: slog.New(alsslog.NewHandler(slog.NewTextHandler(buf, nil),
		alsslog.Attr("request_id", alshttp.RequestIDStorage()), alsslog.Attr("tenant", tenant)))}
	srv := grpc.NewServer(alsgrpc.ServerOptions(prop)...)
	healthpb.RegisterHealthServer(srv, svc)
	served := make(chan error, 1)
	// The server runs in stores of its own; a call must never borrow
	// them (in compiled mode, gRPC's goroutines inherit them).
	alshttp.RequestIDStorage().Run("server's", func() {
		tenant.Run("server's", func() { als.Go(func() { served <- srv.Serve(lis) }) })
	})
	t.Cleanup(func() {
		srv.Stop()
		require.NoError(t, <-served)
	})

	dial := func(opts ...grpc.DialOption) healthpb.HealthClient {
		conn, err := grpc.NewClient(lis.Addr().String(), append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))...)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close() })
		return healthpb.NewHealthClient(conn)
	}
	return &fixture{svc: svc, log: buf, client: dial(alsgrpc.DialOptions(prop)...), plain: dial()}
}
