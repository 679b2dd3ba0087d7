//go:build !race

// The race detector makes sync.Pool drop a quarter of what it is given,
// so these counts hold only without it.

package spawn_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als/spawn"
)

// Go allocates nothing beyond what a plain go statement does, which is
// nothing once the runtime has a free goroutine to reuse.
func TestGoAllocatesNothing(t *testing.T) {
	var wg sync.WaitGroup
	done := wg.Done
	spawnAndWait := func() {
		wg.Add(1)
		spawn.Go(done)
		wg.Wait()
	}
	t.Run("without context", func(t *testing.T) {
		assert.Zero(t, testing.AllocsPerRun(1000, spawnAndWait))
	})
	t.Run("in a context", func(t *testing.T) {
		store.Run("ctx", func() {
			assert.Zero(t, testing.AllocsPerRun(1000, spawnAndWait))
		})
	})
}
