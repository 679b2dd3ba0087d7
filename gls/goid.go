package gls

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/petermattis/goid"

	"github.com/go-als/als/internal/stacks"
)

// ErrGoidMismatch reports that the fast goroutine-id reader disagrees with
// the id the runtime prints, so the engine fell back to the slow reader.
var ErrGoidMismatch = errors.New("gls: fast goroutine id reader disagrees with runtime.Stack")

// fastGoid is decided once at start-up. petermattis/goid reads the id out
// of the runtime's g struct at a fixed offset; a Go release that moves the
// field would make it return wrong ids silently, and wrong ids mean one
// request reading another's store. So the fast path is trusted only after
// it agrees with runtime.Stack on two goroutines.
var fastGoid = func() bool {
	if err := checkGoid(goid.Get); err != nil {
		fmt.Fprintf(os.Stderr, "als: %v; using the slow runtime.Stack reader\n", err)
		return false
	}
	return true
}()

// curGoid reads the calling goroutine's id with the reader chosen at
// start-up.
func curGoid() int64 {
	if fastGoid {
		return goid.Get()
	}
	return stackGoid()
}

// FastGoid reports whether the fast goroutine-id reader passed its
// start-up check.
func FastGoid() bool { return fastGoid }

// checkGoid compares fast against stackGoid on the calling goroutine and
// on a fresh one, whose id differs, so that a reader returning a constant
// cannot pass.
func checkGoid(fast func() int64) error {
	compare := func() error {
		want, got := stackGoid(), fast()
		if want != got {
			return fmt.Errorf("%w: runtime says %d, reader says %d (%s)", ErrGoidMismatch, want, got, runtime.Version())
		}
		return nil
	}
	if err := compare(); err != nil {
		return err
	}
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() { //als:ignore the check must run in a goroutine with no context
		defer wg.Done()
		err = compare()
	}()
	wg.Wait()
	return err
}

// stackGoid parses "goroutine 123 [running]:" from runtime.Stack, which
// is slow (about a microsecond) but always right.
func stackGoid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	id, ok := stacks.ID(b)
	if !ok {
		panic(fmt.Sprintf("gls: cannot parse goroutine id from %q", b))
	}
	return id
}
