package e2e

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/go-als/als"
)

// Mode names one version of the service.
type Mode string

const (
	// ModeALS reads the request id with Storage.GetStore.
	ModeALS Mode = "als"
	// ModeCtx threads the request id through a context.Context.
	ModeCtx Mode = "ctx"
)

// RequestIDHeader carries the id a client chose for its request.
const RequestIDHeader = "X-Request-Id"

// ErrUnknownMode is returned by NewHandler and Start for a Mode that is
// neither ModeALS nor ModeCtx.
var ErrUnknownMode = errors.New("e2e: unknown mode")

// NewHandler returns the service in the given mode, logging one line per
// request to log.
func NewHandler(mode Mode, log *slog.Logger) (http.Handler, error) {
	switch mode {
	case ModeALS:
		a := &alsService{ids: als.New[string](), log: log}
		return a.middleware(http.HandlerFunc(a.handle)), nil
	case ModeCtx:
		c := &ctxService{log: log}
		return c.middleware(http.HandlerFunc(c.handle)), nil
	}
	return nil, errors.Join(ErrUnknownMode, errors.New(string(mode)))
}

// generated numbers requests that came without an id.
var generated atomic.Uint64

func requestID(r *http.Request) string {
	if id := r.Header.Get(RequestIDHeader); id != "" {
		return id
	}
	return "gen-" + strconv.FormatUint(generated.Add(1), 10)
}

// alsService keeps the request id in a Storage; the layers below the
// middleware take no parameter for it.
type alsService struct {
	ids *als.Storage[string]
	log *slog.Logger
}

func (a *alsService) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.ids.Run(requestID(r), func() { next.ServeHTTP(w, r) })
	})
}

func (a *alsService) handle(w http.ResponseWriter, _ *http.Request) { a.layer1(w) }

// The layers are kept out of line in both versions so that the request
// really passes three calls, as it would through a real program.
//
//go:noinline
func (a *alsService) layer1(w io.Writer) { a.layer2(w) }

//go:noinline
func (a *alsService) layer2(w io.Writer) { a.layer3(w) }

//go:noinline
func (a *alsService) layer3(w io.Writer) {
	id, _ := a.ids.GetStore()
	a.log.Info("handled", "request_id", id)
	_, _ = io.WriteString(w, id)
}

// ctxService threads the request id through a context.Context.
type ctxService struct {
	log *slog.Logger
}

type idKey struct{}

func (c *ctxService) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), idKey{}, requestID(r))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (c *ctxService) handle(w http.ResponseWriter, r *http.Request) { c.layer1(r.Context(), w) }

//go:noinline
func (c *ctxService) layer1(ctx context.Context, w io.Writer) { c.layer2(ctx, w) }

//go:noinline
func (c *ctxService) layer2(ctx context.Context, w io.Writer) { c.layer3(ctx, w) }

//go:noinline
func (c *ctxService) layer3(ctx context.Context, w io.Writer) {
	id, _ := ctx.Value(idKey{}).(string)
	c.log.InfoContext(ctx, "handled", "request_id", id)
	_, _ = io.WriteString(w, id)
}

// Server is one version of the service listening on 127.0.0.1.
type Server struct {
	// URL is the address to send requests to.
	URL  string
	srv  *http.Server
	done chan error
}

// Start serves the given mode on a free port of 127.0.0.1, logging to
// logTo, until Close.
func Start(mode Mode, logTo io.Writer) (*Server, error) {
	h, err := NewHandler(mode, slog.New(slog.NewTextHandler(logTo, nil)))
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{
		URL:  "http://" + ln.Addr().String() + "/",
		srv:  &http.Server{Handler: h},
		done: make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }() //als:ignore the accept loop carries no request context
	return s, nil
}

// Close stops the server and waits for its accept loop to end.
func (s *Server) Close() error {
	err := s.srv.Close()
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// LineCounter is an io.Writer that counts the lines written to it and
// keeps nothing, so logging costs what formatting costs.
type LineCounter struct{ lines atomic.Int64 }

// Write counts the newlines in p.
func (c *LineCounter) Write(p []byte) (int, error) {
	n := 0
	for _, b := range p {
		if b == '\n' {
			n++
		}
	}
	c.lines.Add(int64(n))
	return len(p), nil
}

// Lines reports how many lines were written so far.
func (c *LineCounter) Lines() int64 { return c.lines.Load() }
