package asyncres_test

import (
	"fmt"
	"sync"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks"
)

var user = als.New[string]()

func ExampleNew() {
	var r *asyncres.Resource
	user.Run("alice", func() {
		r = asyncres.New("JOB") // captures alice's context
	})

	done := make(chan struct{})
	go func() { //als:ignore stands for a goroutine the caller does not control
		defer close(done)
		u, _ := user.GetStore()
		fmt.Printf("worker alone sees %q\n", u)
		r.RunInAsyncScope(func() {
			u, _ := user.GetStore()
			fmt.Printf("in the resource's scope: %q\n", u)
			fmt.Println("execution id is the resource's:", hooks.ExecutionAsyncID() == r.AsyncID())
		})
	}()
	<-done
	// Output:
	// worker alone sees ""
	// in the resource's scope: "alice"
	// execution id is the resource's: true
}

func ExampleResource_EmitDestroy() {
	r := asyncres.New("ONCE")
	fmt.Println(r.EmitDestroy())
	fmt.Println(r.EmitDestroy() != nil)
	// Output:
	// <nil>
	// true
}

func ExampleBind() {
	var listener func()
	user.Run("alice", func() {
		listener = asyncres.Bind(func() {
			u, _ := user.GetStore()
			fmt.Println("listener runs for", u)
		}, "")
	})
	user.Run("bob", listener)
	// Output:
	// listener runs for alice
}

// emitter is a minimal event emitter: Emit calls the listeners of an
// event on the emitting goroutine, in the emitter's context, as Node's
// EventEmitter does.
type emitter struct {
	mu        sync.Mutex
	listeners map[string][]func()
}

func (e *emitter) On(event string, fn func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.listeners == nil {
		e.listeners = map[string][]func(){}
	}
	e.listeners[event] = append(e.listeners[event], fn)
}

func (e *emitter) Emit(event string) {
	e.mu.Lock()
	fns := e.listeners[event]
	e.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// Listeners bound with asyncres.Bind run in the context where they were
// registered; unbound ones in the context of whoever emits the event.
func Example_eventEmitter() {
	req := &emitter{}
	user.Run("request 1", func() {
		req.On("close", asyncres.Bind(func() {
			u, _ := user.GetStore()
			fmt.Println("bound listener:", u)
		}, ""))
		req.On("close", func() {
			u, _ := user.GetStore()
			fmt.Println("plain listener:", u)
		})
	})
	user.Run("connection reaper", func() { req.Emit("close") })
	// Output:
	// bound listener: request 1
	// plain listener: connection reaper
}

// database stands for a driver that answers queries on a connection
// goroutine of its own, which knows nothing of its callers' contexts.
type database struct{ requests chan func() }

func openDatabase() *database {
	db := &database{requests: make(chan func())}
	go func() { //als:ignore stands for a driver's connection goroutine
		for answer := range db.requests {
			answer()
		}
	}()
	return db
}

func (db *database) get(query string, cb func(data string, err error)) {
	db.requests <- func() { cb("rows for "+query, nil) }
}

func (db *database) close() { close(db.requests) }

// DBQuery is Node's DBQuery example: a type that holds a *Resource so
// that callbacks run in the context of the code that made the query.
type DBQuery struct {
	*asyncres.Resource
	db *database
}

func NewDBQuery(db *database) *DBQuery {
	return &DBQuery{Resource: asyncres.New("DBQuery"), db: db}
}

func (q *DBQuery) GetInfo(query string, callback func(data string, err error)) {
	q.db.get(query, func(data string, err error) {
		q.RunInAsyncScope(func() { callback(data, err) })
	})
}

func (q *DBQuery) Close() error {
	q.db = nil
	return q.EmitDestroy()
}

func Example_dbQuery() {
	db := openDatabase()
	defer db.close()

	done := make(chan struct{})
	user.Run("alice", func() {
		q := NewDBQuery(db)
		q.GetInfo("SELECT 1", func(data string, err error) {
			defer close(done)
			u, _ := user.GetStore()
			fmt.Printf("%s, err %v, for %s\n", data, err, u)
			fmt.Println("close:", q.Close())
		})
	})
	<-done
	// Output:
	// rows for SELECT 1, err <nil>, for alice
	// close: <nil>
}
