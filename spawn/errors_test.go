package spawn_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/internal/panics"
	"github.com/go-als/als/spawn"
)

func asyncresNew(t *testing.T, typ string) *asyncres.Resource {
	t.Helper()
	return asyncres.New(typ, asyncres.WithRequireManualDestroy())
}

// SPEC 17: programmer errors panic in the caller, before any goroutine
// starts, with an error errors.Is can match.
func TestProgrammerErrorsPanic(t *testing.T) {
	pool := spawn.NewPool[int](1)
	defer pool.Close()
	var g spawn.Group
	for _, tc := range []struct {
		name string
		call func()
		want error
	}{
		{"Go nil", func() { spawn.Go(nil) }, spawn.ErrNilFunc},
		{"AfterFunc nil", func() { spawn.AfterFunc(time.Second, nil) }, spawn.ErrNilFunc},
		{"Group.Go nil", func() { g.Go(nil) }, spawn.ErrNilFunc},
		{"Group.TryGo nil", func() { g.TryGo(nil) }, spawn.ErrNilFunc},
		{"Submit nil task", func() { _ = pool.Submit(nil, func(int, error) {}) }, spawn.ErrNilFunc},
		{"Submit nil callback", func() { _ = pool.Submit(func() (int, error) { return 0, nil }, nil) }, spawn.ErrNilFunc},
		{"NewPool 0", func() { spawn.NewPool[int](0) }, spawn.ErrInvalidPoolSize},
		{"NewPool -1", func() { spawn.NewPool[int](-1) }, spawn.ErrInvalidPoolSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := panics.Error(t, tc.call)
			assert.ErrorIs(t, err, tc.want)
			if tc.want == spawn.ErrNilFunc {
				// Code that only knows package als catches these too.
				assert.ErrorIs(t, err, als.ErrNilFunc)
			}
		})
	}
}
