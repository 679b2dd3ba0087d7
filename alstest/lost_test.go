package alstest_test

import (
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/gls"
)

// here returns this file's name and the caller's line plus delta.
func here(delta int) string {
	_, _, line, _ := runtime.Caller(1)
	return "lost_test.go:" + strconv.Itoa(line+delta)
}

func TestCatchLoss(t *testing.T) {
	named := als.New(als.WithName[string]("request_id"))
	read := func(wg *sync.WaitGroup) func() {
		return func() {
			defer wg.Done()
			named.GetStore()
		}
	}
	tests := []struct {
		name string
		// start reads named in a goroutine it starts, and returns the
		// site that must be reported, or "" for none.
		start func(wg *sync.WaitGroup) string
	}{
		{"go statement inside Run", func(wg *sync.WaitGroup) (site string) {
			named.Run("req", func() {
				wg.Add(1)
				site = here(1)
				go read(wg)() //als:ignore the loss this test catches
				wg.Wait()     // the creator still holds the context at the miss
			})
			return site
		}},
		{"als.Go inside Run", func(wg *sync.WaitGroup) string {
			named.Run("req", func() {
				wg.Add(1)
				als.Go(read(wg))
				wg.Wait()
			})
			return ""
		}},
		{"go statement inside Detach, read after it returns", func(wg *sync.WaitGroup) string {
			named.Run("req", func() {
				returned := make(chan struct{})
				als.Detach(func() {
					wg.Add(1)
					go func() { <-returned; read(wg)() }() //als:ignore a detached goroutine is meant to start clean
				})
				close(returned) // the creator holds its context again
				wg.Wait()
			})
			return ""
		}},
		{"go statement inside Detach, read before it returns", func(wg *sync.WaitGroup) string {
			named.Run("req", func() {
				als.Detach(func() {
					wg.Add(1)
					go read(wg)() //als:ignore a detached goroutine is meant to start clean
					wg.Wait()
				})
			})
			return ""
		}},
		{"read inside Detach in a child", func(wg *sync.WaitGroup) string {
			named.Run("req", func() {
				wg.Add(1)
				als.Go(func() {
					defer wg.Done()
					wg.Add(1)
					als.Detach(read(wg))
				})
				wg.Wait()
			})
			return ""
		}},
		{"go statement outside any context", func(wg *sync.WaitGroup) string {
			wg.Add(1)
			go read(wg)() //als:ignore nothing to lose here
			wg.Wait()
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stop := alstest.CatchLoss()
			var wg sync.WaitGroup
			site := tt.start(&wg)
			wg.Wait()
			losses := stop()
			if site == "" || gls.Compiled() {
				assert.Empty(t, losses)
				return
			}
			require.Len(t, losses, 1)
			l := losses[0]
			assert.Equal(t, "request_id", l.Storage)
			assert.Contains(t, l.Site, site)
			assert.Contains(t, l.String(), site)
			assert.NotZero(t, l.Creator)
			assert.NotEqual(t, l.Creator, l.Goroutine)
		})
	}
}

// cleanupT records what FailOnLoss reports instead of failing the test.
type cleanupT struct {
	fakeT
	cleanups []func()
}

func (c *cleanupT) Cleanup(f func()) { c.cleanups = append(c.cleanups, f) }

func (c *cleanupT) end() {
	for i := len(c.cleanups) - 1; i >= 0; i-- {
		c.cleanups[i]()
	}
}

func TestFailOnLoss(t *testing.T) {
	s := als.New[int]()
	tests := []struct {
		name  string
		start func(fn func())
		fail  bool
	}{
		{"go statement", func(fn func()) { go fn() }, !gls.Compiled()}, //als:ignore the loss this test catches
		{"als.Go", als.Go, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ft := &cleanupT{}
			alstest.FailOnLoss(ft)
			s.Run(1, func() {
				done := make(chan struct{})
				tt.start(func() {
					defer close(done)
					s.GetStore()
				})
				<-done
			})
			ft.end()
			if !tt.fail {
				assert.Empty(t, ft.errors)
				return
			}
			require.Len(t, ft.errors, 1)
			assert.Contains(t, ft.errors[0], "1 hand-off(s) lost the als context")
			assert.Contains(t, ft.errors[0], "als: context lost: als.Storage[int] missed in goroutine")
		})
	}
}
