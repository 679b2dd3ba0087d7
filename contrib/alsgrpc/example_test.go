package alsgrpc_test

import (
	"context"
	"fmt"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsgrpc"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsprop"
)

// greeter's handler reads the caller's stores with no ctx.
type greeter struct {
	healthpb.UnimplementedHealthServer
}

func (greeter) Check(context.Context, *healthpb.HealthCheckRequest) (*healthpb.HealthCheckResponse, error) {
	fmt.Println("serving", alshttp.RequestID(), "for", account())
	return &healthpb.HealthCheckResponse{}, nil
}

var accounts = als.New[string]()

func account() string { a, _ := accounts.GetStore(); return a }

func Example() {
	prop := alsprop.NewPropagator(alsprop.RequestIDMember(), alsprop.String("account", accounts))

	lis, _ := net.Listen("tcp", "127.0.0.1:0")
	srv := grpc.NewServer(alsgrpc.ServerOptions(prop)...)
	healthpb.RegisterHealthServer(srv, greeter{})
	go srv.Serve(lis) //als:ignore the server serves every caller; the interceptor sets each call's stores
	defer srv.Stop()

	conn, _ := grpc.NewClient(lis.Addr().String(),
		append(alsgrpc.DialOptions(prop), grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	defer conn.Close()
	client := healthpb.NewHealthClient(conn)

	alshttp.RequestIDStorage().Run("req-1", func() {
		accounts.Run("acme", func() {
			client.Check(context.Background(), &healthpb.HealthCheckRequest{})
		})
	})
	// Output: serving req-1 for acme
}
