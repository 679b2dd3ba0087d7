package alstest_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/gls"
)

// fakeT records what VerifyNone reports instead of failing the test.
type fakeT struct {
	mu     sync.Mutex
	errors []string
}

func (f *fakeT) Helper() {}

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

var store = als.New[string]()

// holdInRun starts a goroutine that holds an entry inside store.Run until
// release is closed, and returns once it holds it; wait ends with it.
func holdInRun(t *testing.T) (release func(), wait func()) {
	t.Helper()
	held, stop, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { //als:ignore a goroutine of its own, outside the test's context
		defer close(done)
		store.Run("leaked", func() {
			close(held)
			leakyWorker(stop)
		})
	}()
	<-held
	return func() { close(stop) }, func() { <-done }
}

// leakyWorker is the function the report must name.
func leakyWorker(stop chan struct{}) { <-stop }

func TestVerifyNone(t *testing.T) {
	tests := []struct {
		name     string
		scene    func(t *testing.T) (cleanup func())
		opts     []alstest.Option
		leak     bool
		mentions []string
	}{
		{"nothing held", func(*testing.T) func() { return func() {} }, nil, false, nil},
		{"a goroutine inside Run", func(t *testing.T) func() {
			release, wait := holdInRun(t)
			return func() { release(); wait() }
		}, []alstest.Option{alstest.MaxWait(50 * time.Millisecond)}, true,
			[]string{"alstest_test.leakyWorker", "holds an entry: goroutine "}},
		// VerifyNone runs inside store.Run below: the caller's own entry
		// counts too.
		{"the caller's own scope", func(*testing.T) func() { return func() {} },
			[]alstest.Option{alstest.MaxWait(50 * time.Millisecond)}, true, []string{"The calling goroutine is one of them."}},
		{"an als.Go child finishing", func(*testing.T) func() {
			var wg sync.WaitGroup
			wg.Add(1)
			started := make(chan struct{})
			store.Run("finishing", func() {
				als.Go(func() { defer wg.Done(); close(started); time.Sleep(30 * time.Millisecond) })
			})
			<-started // a child that has not started yet holds nothing to count
			return wg.Wait
		}, nil, false, nil},
		{"a plain goroutine that called EnterWith and ended", func(*testing.T) func() {
			done := make(chan struct{})
			go func() { //als:ignore the leak under test
				defer close(done)
				store.EnterWith("abandoned")
			}()
			<-done
			return func() {}
		}, nil, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanup := tt.scene(t)
			defer cleanup()
			var f fakeT
			if tt.name == "the caller's own scope" {
				store.Run("mine", func() { alstest.VerifyNone(&f, tt.opts...) })
			} else {
				alstest.VerifyNone(&f, tt.opts...)
			}
			if !tt.leak || gls.Compiled() {
				// Compiled mode keeps contexts in the runtime: nothing to count.
				assert.Empty(t, f.errors)
				return
			}
			require.Len(t, f.errors, 1)
			assert.Contains(t, f.errors[0], "1 goroutine(s) still hold an als context")
			for _, m := range tt.mentions {
				assert.Contains(t, f.errors[0], m, "the report shows the holder's stack, marked")
			}
		})
	}
}

// IgnoreCurrent takes the holders at the defer statement as the baseline:
// they pass, one more fails.
func TestIgnoreCurrent(t *testing.T) {
	release, wait := holdInRun(t)
	defer wait()
	defer release()
	baseline := alstest.IgnoreCurrent()

	var f fakeT
	alstest.VerifyNone(&f, baseline, alstest.MaxWait(20*time.Millisecond))
	assert.Empty(t, f.errors, "the holder from before is accepted")

	release2, wait2 := holdInRun(t)
	alstest.VerifyNone(&f, baseline, alstest.MaxWait(20*time.Millisecond))
	release2()
	wait2()
	if gls.Compiled() {
		assert.Empty(t, f.errors)
		return
	}
	require.Len(t, f.errors, 1, "a new holder is not")
	assert.Contains(t, f.errors[0], "2 goroutine(s)")
	assert.Contains(t, f.errors[0], "want at most 1")
}

// Find waits for holders that are about to end instead of failing at once.
func TestFindWaits(t *testing.T) {
	release, wait := holdInRun(t)
	defer wait()
	start := time.Now()
	time.AfterFunc(50*time.Millisecond, release) //als:ignore release only closes a channel
	require.NoError(t, alstest.Find())
	if !gls.Compiled() {
		assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond, "it waited for the holder")
	}
}
