package alscompiled_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/thirdparty"
	"github.com/go-als/als"
	"github.com/go-als/als/gls"
)

type request struct{ id string }

var store = als.New[*request]()

func TestMain(m *testing.M) {
	if !gls.Compiled() {
		panic("these tests need compiled mode: run them with go test -toolexec=alsbuild")
	}
	m.Run()
}

func TestThirdPartyPlainGoCarriesTheStore(t *testing.T) {
	req := &request{id: "r1"}
	got := make(chan *request, 1)
	store.Run(req, func() {
		thirdparty.Go(func() {
			r, _ := store.GetStore()
			got <- r
		})
	})
	assert.Same(t, req, <-got)
}

func TestThirdPartyPoolKeepsItsCreatorsStore(t *testing.T) {
	// Long-lived workers inherit the context of whoever started them,
	// not of whoever submits work later: the documented limit.
	var p *thirdparty.Pool
	creator := &request{id: "creator"}
	store.Run(creator, func() { p = thirdparty.NewPool(2) })
	defer p.Close()
	got := make(chan *request, 1)
	store.Run(&request{id: "submitter"}, func() {
		p.Submit(func() {
			r, _ := store.GetStore()
			got <- r
		})
	})
	assert.Same(t, creator, <-got)
}

func TestPprofLabelsAndStoreCoexist(t *testing.T) {
	// Libraries that kept their data in the runtime's pprof label slot
	// lost it to pprof.Do; the als slot is a field of its own.
	req := &request{id: "labelled"}
	type seen struct {
		req   *request
		label string
	}
	got := make(chan seen, 1)
	store.Run(req, func() {
		pprof.Do(context.Background(), pprof.Labels("route", "/x"), func(ctx context.Context) {
			thirdparty.Go(func() {
				r, _ := store.GetStore()
				l, _ := pprof.Label(ctx, "route")
				got <- seen{r, l}
			})
		})
	})
	assert.Equal(t, seen{req, "/x"}, <-got)
}

func TestAfterFuncSeesTheStore(t *testing.T) {
	tests := []struct {
		name string
		req  *request
	}{
		{"inside Run", &request{id: "timer"}},
		{"outside Run", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan *request, 1)
			schedule := func() {
				time.AfterFunc(time.Millisecond, func() {
					r, _ := store.GetStore()
					got <- r
				})
			}
			if tt.req != nil {
				store.Run(tt.req, schedule)
			} else {
				schedule()
			}
			assert.Same(t, tt.req, <-got)
		})
	}
}

func goid() string {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	return string(b[:bytes.IndexByte(b, ' ')])
}

func TestHTTPClientInternalsSeeTheStore(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()

	type dial struct {
		req  *request
		goid string
	}
	dials := make(chan dial, 1)
	var d net.Dialer
	tr := &http.Transport{
		// The transport dials on a goroutine of its own, started by a
		// plain go statement inside net/http.
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			r, _ := store.GetStore()
			dials <- dial{req: r, goid: goid()}
			return d.DialContext(ctx, network, addr)
		},
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	req := &request{id: "http"}
	var caller string
	store.Run(req, func() {
		caller = goid()
		resp, err := client.Get(srv.URL)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, "ok", string(body))
	})
	got := <-dials
	assert.Same(t, req, got.req)
	assert.NotEqual(t, caller, got.goid, "the dial ran on a transport goroutine")
}

// payload is large enough that a leak of a million of them could not hide
// in the slack of the heap comparison.
type payload struct {
	id  int
	pad [32]int64
}

var heapStore = als.New[*payload]()

func TestMillionGoroutinesLeaveNothingReachable(t *testing.T) {
	const (
		total = 1_000_000
		batch = 2_000 // goroutines alive at once (with grandchildren, below -race's 8128)
		every = 1000  // one weak pointer per this many payloads
	)
	runBatch := func(first int, withContext bool, weaks []weak.Pointer[payload]) {
		var wg sync.WaitGroup
		wg.Add(batch)
		for i := first; i < first+batch; i++ {
			go func() {
				defer wg.Done()
				if !withContext {
					go func() {}() // the same goroutine shape as below
					return
				}
				p := &payload{id: i}
				if i%every == 0 {
					weaks[i/every] = weak.Make(p)
				}
				if i%2 == 0 {
					heapStore.EnterWith(p) // no scope: held until the goroutine ends
				} else {
					heapStore.Run(p, func() {
						go func() {}() // a grandchild inherits it too
					})
					heapStore.EnterWith(p)
				}
			}()
		}
		wg.Wait()
	}
	// The runtime keeps every g it ever made for reuse, and how many it
	// makes depends on scheduling, so the baseline is the heap after the
	// same million goroutines without any context.
	for first := 0; first < total; first += batch {
		runBatch(first, false, nil)
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := heap()

	weaks := make([]weak.Pointer[payload], total/every)
	for first := 0; first < total; first += batch {
		runBatch(first, true, weaks)
	}
	after := heap()
	t.Logf("heap: baseline %d B, after %d goroutines %d B", base, total, after)

	const slack = 4 << 20 // a leak would be about 300 MB
	assert.LessOrEqual(t, after, base+slack, "heap did not return to its baseline")
	for i, w := range weaks {
		require.Nil(t, w.Value(), "payload "+strconv.Itoa(i*every)+" is still reachable")
	}
	assert.Equal(t, 0, gls.Len())
}
