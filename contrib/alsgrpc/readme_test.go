package alsgrpc_test

import (
	"google.golang.org/grpc"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsgrpc"
	"github.com/go-als/als/contrib/alsprop"
)

// readmeGRPC holds the README's alsgrpc snippet, compiled but not run;
// Example runs the same calls against a real server.
func readmeGRPC(addr string, tenant *als.Storage[string], creds grpc.DialOption) (*grpc.Server, *grpc.ClientConn, error) {
	prop := alsprop.NewPropagator(
		alsprop.RequestIDMember(),        // alshttp's id, as the header Als-request_id
		alsprop.String("tenant", tenant), // any storage, with a Codec
	)
	srv := grpc.NewServer(alsgrpc.ServerOptions(prop)...)                          // handlers run in the caller's stores
	conn, err := grpc.NewClient(addr, append(alsgrpc.DialOptions(prop), creds)...) // calls send the current ones
	return srv, conn, err
}

var _ = readmeGRPC
