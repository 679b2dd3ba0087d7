package alsnats_test

import (
	"context"

	"github.com/nats-io/nats.go"

	"github.com/go-als/als/contrib/alsnats"
	"github.com/go-als/als/contrib/alsprop"
)

// readmeNATS holds the README's alsnats snippet, compiled but not run;
// Example and TestTwoServices run the same calls against a real broker.
func readmeNATS(ctx context.Context, nc *nats.Conn, prop *alsprop.Propagator, handleOrder nats.MsgHandler, order []byte) (*nats.Msg, error) {
	bus := alsnats.New(nc, prop)
	bus.Subscribe("orders", handleOrder)         // runs in the stores of each message
	bus.Publish(ctx, "orders", order)            // sends the stores of ctx, or else the current ones
	reply, err := bus.Request(ctx, "quote", nil) // the responder's handler runs in them too
	return reply, err
}

var _ = readmeNATS
