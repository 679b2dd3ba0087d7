package alstrace

import (
	"context"
	"runtime/trace"
	"sync"

	"github.com/petermattis/goid"

	"github.com/go-als/als/hooks"
)

// Tracer turns async resources into runtime/trace tasks and regions while
// it is enabled. Make one with [Enable]; it is safe for concurrent use.
type Tracer struct {
	hook *hooks.Hook

	// tasks maps an async id to the task of its resource, while the
	// resource lives.
	tasks sync.Map // uint64 -> *task

	// regions holds, per goroutine, the regions of the callbacks running
	// on it, innermost last: a region must end on the goroutine that
	// started it, and two goroutines may run callbacks of one resource at
	// once, so the async id alone cannot say which region After ends.
	mu      sync.Mutex
	regions map[int64][]region
}

type task struct {
	ctx context.Context // carries t, the parent of the tasks it triggers
	t   *trace.Task
	typ string
}

type region struct {
	asyncID uint64
	r       *trace.Region
}

// Enable returns a [Tracer] that, from now on and while a runtime/trace
// trace is being recorded, makes each async resource created (an
// asyncres.Resource, an als.Go goroutine, a spawn timer or pool task) a
// [trace.Task] named after its type, child of the task of the execution
// context that triggered it, and wraps each of its callbacks in a
// [trace.Region] of the same name. The task ends when the resource is
// destroyed. Resources created while no trace is recorded are left out.
func Enable() *Tracer {
	t := &Tracer{regions: make(map[int64][]region)}
	t.hook = hooks.Create(hooks.Callbacks{
		Init:    t.init,
		Before:  t.before,
		After:   t.after,
		Destroy: t.destroy,
	}).Enable()
	return t
}

// Disable stops making tasks and regions and ends the tasks still open,
// so that a trace shows no task that never ends. Regions already started
// end with their callbacks.
func (t *Tracer) Disable() {
	t.hook.Disable()
	t.tasks.Range(func(id, v any) bool {
		if _, loaded := t.tasks.LoadAndDelete(id); loaded {
			v.(*task).t.End()
		}
		return true
	})
}

func (t *Tracer) init(asyncID uint64, typ string, triggerAsyncID uint64, _ any) {
	if !trace.IsEnabled() {
		return
	}
	parent := context.Background()
	if p, ok := t.tasks.Load(triggerAsyncID); ok {
		parent = p.(*task).ctx
	}
	ctx, tk := trace.NewTask(parent, typ)
	t.tasks.Store(asyncID, &task{ctx: ctx, t: tk, typ: typ})
}

func (t *Tracer) before(asyncID uint64) {
	v, ok := t.tasks.Load(asyncID)
	if !ok {
		return
	}
	tk := v.(*task)
	r := trace.StartRegion(tk.ctx, tk.typ)
	g := goid.Get()
	t.mu.Lock()
	t.regions[g] = append(t.regions[g], region{asyncID, r})
	t.mu.Unlock()
}

func (t *Tracer) after(asyncID uint64) {
	g := goid.Get()
	t.mu.Lock()
	stack := t.regions[g]
	n := len(stack)
	if n == 0 || stack[n-1].asyncID != asyncID {
		// Before found no task for it (created before Enable or while
		// no trace was recorded).
		t.mu.Unlock()
		return
	}
	r := stack[n-1].r
	if n == 1 {
		delete(t.regions, g)
	} else {
		t.regions[g] = stack[:n-1]
	}
	t.mu.Unlock()
	r.End()
}

func (t *Tracer) destroy(asyncID uint64) {
	if v, ok := t.tasks.LoadAndDelete(asyncID); ok {
		v.(*task).t.End()
	}
}
