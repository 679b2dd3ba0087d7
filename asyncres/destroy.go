package asyncres

import (
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/go-als/als/internal/asyncevent"
)

// destroyState is where a resource's Destroy is in one word, so that the
// resource stays at 64 bytes: nil while it is live and only EmitDestroy
// reports it, the resource's collection record while the garbage
// collector would report it, and &destroyed once reported.
type destroyState struct {
	p atomic.Pointer[collection]
}

// collection is the cleanup that reports a collected resource's Destroy.
// It is allocated only for resources that set one up, which already pay
// for runtime.AddCleanup.
type collection struct {
	cleanup runtime.Cleanup
}

// destroyed marks a reported Destroy.
var destroyed collection

// onCollect makes the garbage collector report r's Destroy. Call it before
// r is handed out. The cleanup gets the id, not r: a reference to r from
// its own cleanup would keep it reachable forever.
func (d *destroyState) onCollect(r *Resource) {
	c := new(collection)
	c.cleanup = runtime.AddCleanup(r, asyncevent.Destroy, r.exec.AsyncID)
	d.p.Store(c)
}

// EmitDestroy tells every enabled hook Destroy. Only the first call does:
// later ones return an error wrapping ErrAlreadyDestroyed and emit
// nothing. RunInAsyncScope still works after it.
func (r *Resource) EmitDestroy() error {
	switch c := r.destroy.p.Swap(&destroyed); c {
	case &destroyed:
		return fmt.Errorf("%w: %s %d", ErrAlreadyDestroyed, r.typ, r.exec.AsyncID)
	case nil:
	default:
		// r is reachable here, so the cleanup has not been queued, and
		// Stop keeps it from ever reporting a second Destroy.
		c.cleanup.Stop()
	}
	asyncevent.Load().Destroy(r.exec.AsyncID)
	return nil
}
