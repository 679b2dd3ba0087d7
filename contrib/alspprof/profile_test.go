package alspprof_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"

	"github.com/google/pprof/profile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alshttp"
	"github.com/go-als/als/contrib/alspprof"
)

// burn does a fixed amount of CPU work, so that each function below gets
// samples in proportion to the work, not to how busy the machine is.
func burn(n int) byte {
	var h [32]byte
	buf := make([]byte, 1024)
	for range n {
		copy(buf, h[:])
		h = sha256.Sum256(buf)
	}
	return h[0]
}

// The work a request does depends on its tenant, as in a real service;
// separate functions let the test tell from a sample's stack which work
// it caught.

//go:noinline
func buildReport() byte { return burn(400000) }

//go:noinline
func buildReportInBackground() byte { return burn(400000) }

//go:noinline
func sendInvoice() byte { return burn(400000) }

//go:noinline
func afterTheRequest() byte { return burn(400000) }

var sink byte

// A CPU profile of a real server on 127.0.0.1 serving two tenants at once:
// every sample of acme's work carries tenant=acme and the route, every
// sample of globex's work tenant=globex, including the work a request
// hands to a goroutine started with als.Go, and work after the labels end
// carries none. FilterSamplesByTag is what go tool pprof -tagfocus runs.
func TestCPUProfileByTenant(t *testing.T) {
	tenant := als.New[string]()
	labeler := alspprof.New(alspprof.Label("tenant", tenant), alspprof.LabelFunc("route", alshttp.Pattern))

	mux := http.NewServeMux()
	mux.Handle("POST /work", labeler.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b byte
		switch t, _ := tenant.GetStore(); t {
		case "acme":
			var wg sync.WaitGroup
			var bg byte
			wg.Add(1)
			als.Go(func() {
				defer wg.Done()
				bg = buildReportInBackground()
			})
			b = buildReport()
			wg.Wait()
			b ^= bg
		case "globex":
			b = sendInvoice()
		}
		fmt.Fprint(w, b)
	})))
	// The tenant comes from a header here; a real service would take it
	// from the caller's credentials.
	withTenant := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tenant.Run(r.Header.Get("X-Tenant"), func() { next.ServeHTTP(w, r) })
		})
	}
	srv := httptest.NewServer(alshttp.Middleware(withTenant(mux)))
	defer srv.Close()

	var prof bytes.Buffer
	require.NoError(t, pprof.StartCPUProfile(&prof))
	var wg sync.WaitGroup
	for _, name := range []string{"acme", "globex"} {
		wg.Add(1)
		go func() { //als:ignore a client: its request carries the tenant
			defer wg.Done()
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/work", nil)
			if !assert.NoError(t, err) {
				return
			}
			req.Header.Set("X-Tenant", name)
			resp, err := srv.Client().Do(req)
			if assert.NoError(t, err) {
				resp.Body.Close()
				assert.Equal(t, http.StatusOK, resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	// In this goroutine, once Do has returned: no labels.
	tenant.Run("acme", func() { labeler.Do(func() {}) })
	sink = afterTheRequest()
	pprof.StopCPUProfile()

	p, err := profile.Parse(&prof)
	require.NoError(t, err)
	want := map[string]map[string][]string{
		"buildReport":             {"tenant": {"acme"}, "route": {"POST /work"}},
		"buildReportInBackground": {"tenant": {"acme"}, "route": {"POST /work"}},
		"sendInvoice":             {"tenant": {"globex"}, "route": {"POST /work"}},
		"afterTheRequest":         nil,
	}
	counts := map[string]int{}
	for _, s := range p.Sample {
		fn := workIn(s)
		if fn == "" {
			continue
		}
		counts[fn]++
		assert.Equal(t, want[fn], s.Label, "a sample in %s", fn)
	}
	t.Logf("samples per function: %v", counts)
	for fn := range want {
		// Each function takes some 200 ms of CPU, and the profile
		// samples every 10 ms of it: about 20 samples each.
		assert.GreaterOrEqual(t, counts[fn], 3, "samples in %s", fn)
	}

	// -tagfocus=tenant=acme keeps acme's work and nothing else.
	acme := p.Copy()
	fm, im := acme.FilterSamplesByTag(func(s *profile.Sample) bool {
		return s.HasLabel("tenant", "acme")
	}, nil)
	assert.True(t, fm)
	assert.False(t, im)
	for _, s := range acme.Sample {
		assert.Contains(t, []string{"", "buildReport", "buildReportInBackground"}, workIn(s))
	}
}

// workIn returns which of the test's work functions s was taken in, or ""
// for a sample elsewhere (the HTTP server, the profiler, the runtime).
func workIn(s *profile.Sample) string {
	for _, loc := range s.Location {
		for _, line := range loc.Line {
			name := line.Function.Name
			i := strings.LastIndex(name, ".")
			switch name[i+1:] {
			case "buildReport", "buildReportInBackground", "sendInvoice", "afterTheRequest":
				if strings.HasPrefix(name, "github.com/go-als/als/contrib/alspprof_test.") {
					return name[i+1:]
				}
			}
		}
	}
	return ""
}
