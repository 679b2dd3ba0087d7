package stacks

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAllGrows parks enough goroutines that the dump outgrows the first
// buffer, and finds each of them in it.
func TestAllGrows(t *testing.T) {
	const n = 2000 // about 200 bytes each: past the first 64 KB
	park := make(chan struct{})
	var started, done sync.WaitGroup
	ids := make(chan string, n)
	for range n {
		started.Add(1)
		done.Add(1)
		go func() { //als:ignore parked goroutines hold no context
			defer done.Done()
			b := make([]byte, 64)
			b = b[:runtimeStackSelf(b)]
			ids <- string(bytes.Fields(b)[1])
			started.Done()
			<-park
		}()
	}
	started.Wait()
	dump := All()
	close(park)
	done.Wait()
	close(ids)
	assert.Greater(t, len(dump), 64<<10)
	for id := range ids {
		assert.Contains(t, string(dump), fmt.Sprintf("goroutine %s ", id))
	}
}
