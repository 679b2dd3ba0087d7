package alsgrpc

import (
	"context"
	"fmt"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alsprop"
)

// ErrNilPropagator is wrapped by the panic of the functions here given a
// nil [alsprop.Propagator]. It is [alsprop.ErrNilPropagator].
var ErrNilPropagator = alsprop.ErrNilPropagator

// check panics unless every member of p can travel as gRPC metadata.
func check(p *alsprop.Propagator) {
	if p == nil {
		panic(fmt.Errorf("%w passed to alsgrpc", ErrNilPropagator))
	}
	for _, m := range p.Members() {
		if name := strings.ToLower(alsprop.HeaderPrefix + m.Key()); !validMetadataKey(name) {
			panic(fmt.Errorf("%w: %q is not a gRPC metadata key", alsprop.ErrInvalidMember, name))
		}
	}
}

// extract returns ctx carrying the stores p finds in the incoming
// metadata of ctx.
func extract(p *alsprop.Propagator, ctx context.Context) context.Context {
	md, _ := metadata.FromIncomingContext(ctx)
	return p.Extract(ctx, MetadataCarrier(md))
}

// inject returns ctx with its outgoing metadata carrying the stores of the
// context ctx carries, or else the caller's. FromOutgoingContext returns a
// copy, so the caller's metadata is never changed.
func inject(p *alsprop.Propagator, ctx context.Context) context.Context {
	md, ok := metadata.FromOutgoingContext(ctx)
	if !ok {
		md = metadata.MD{}
	}
	p.Inject(ctx, MetadataCarrier(md))
	return metadata.NewOutgoingContext(ctx, md)
}

// UnaryServerInterceptor returns an interceptor that runs each unary
// handler in the stores p finds in the request's metadata. The handler's
// ctx carries them too ([als.WithContext]). Hostile metadata is dropped
// member by member, as [alsprop.Propagator.Extract] describes.
func UnaryServerInterceptor(p *alsprop.Propagator) grpc.UnaryServerInterceptor {
	check(p)
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		ctx = extract(p, ctx)
		als.RunContext(ctx, func() { resp, err = handler(ctx, req) })
		return resp, err
	}
}

// StreamServerInterceptor returns an interceptor that runs each stream
// handler in the stores p finds in the stream's metadata; the stream's
// Context carries them too.
func StreamServerInterceptor(p *alsprop.Propagator) grpc.StreamServerInterceptor {
	check(p)
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		ctx := extract(p, ss.Context())
		als.RunContext(ctx, func() { err = handler(srv, &serverStream{ServerStream: ss, ctx: ctx}) })
		return err
	}
}

// serverStream is a grpc.ServerStream whose Context carries the stores.
type serverStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *serverStream) Context() context.Context { return s.ctx }

// UnaryClientInterceptor returns an interceptor that sends the stores of
// the call's ctx ([als.WithContext]), or else the caller's current ones, in
// the request's metadata. A member whose storage has no store is removed
// from the metadata, so that metadata copied from an incoming request
// never goes out unchecked.
func UnaryClientInterceptor(p *alsprop.Propagator) grpc.UnaryClientInterceptor {
	check(p)
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return invoker(inject(p, ctx), method, req, reply, cc, opts...)
	}
}

// StreamClientInterceptor returns an interceptor that sends the stores
// when a stream opens, as [UnaryClientInterceptor] does for a call.
func StreamClientInterceptor(p *alsprop.Propagator) grpc.StreamClientInterceptor {
	check(p)
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		return streamer(inject(p, ctx), desc, cc, method, opts...)
	}
}

// ServerOptions returns the options that install both server interceptors,
// [UnaryServerInterceptor] and [StreamServerInterceptor]:
// grpc.NewServer(alsgrpc.ServerOptions(p)...).
func ServerOptions(p *alsprop.Propagator) []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(UnaryServerInterceptor(p)),
		grpc.ChainStreamInterceptor(StreamServerInterceptor(p)),
	}
}

// DialOptions returns the options that install both client interceptors,
// [UnaryClientInterceptor] and [StreamClientInterceptor]:
// grpc.NewClient(target, append(alsgrpc.DialOptions(p), creds)...).
func DialOptions(p *alsprop.Propagator) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithChainUnaryInterceptor(UnaryClientInterceptor(p)),
		grpc.WithChainStreamInterceptor(StreamClientInterceptor(p)),
	}
}
