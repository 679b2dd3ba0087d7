package alsnats_test

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alsnats"
	"github.com/go-als/als/contrib/alsprop"
)

var accounts = als.New[string]()

func account() string { a, _ := accounts.GetStore(); return a }

func Example() {
	// A broker in-process, for the example; a service connects to its own.
	broker, _ := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	broker.Start() // non-blocking: the broker serves in goroutines of its own
	broker.ReadyForConnections(10 * time.Second)
	defer broker.Shutdown()

	prop := alsprop.NewPropagator(alsprop.RequestIDMember(), alsprop.String("account", accounts))
	nc, _ := nats.Connect(broker.ClientURL())
	defer nc.Close()
	conn := alsnats.New(nc, prop)

	// The consumer reads the publisher's stores with no ctx.
	conn.Subscribe("quote", func(m *nats.Msg) {
		conn.Respond(context.Background(), m, []byte("quote for "+account()+" in "+alshttp.RequestID()))
	})

	alshttp.RequestIDStorage().Run("req-1", func() {
		accounts.Run("acme", func() {
			reply, err := conn.Request(context.Background(), "quote", nil)
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println(string(reply.Data))
		})
	})
	// Output: quote for acme in req-1
}
