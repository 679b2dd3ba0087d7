package alstrace_test

import (
	"bytes"
	"errors"
	"io"
	"runtime/trace"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xtrace "golang.org/x/exp/trace"

	"github.com/go-als/als"
	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/contrib/alstrace"
	"github.com/go-als/als/spawn"
)

// record runs fn with a Tracer enabled while a trace is recorded, and
// returns the trace.
func record(t *testing.T, fn func()) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, trace.Start(&buf))
	tracer := alstrace.Enable()
	fn()
	tracer.Disable()
	trace.Stop()
	return buf.Bytes()
}

// parsed is what a trace says about tasks and regions.
type parsed struct {
	tasks   map[xtrace.TaskID]xtrace.Task // by id, from TaskBegin
	ended   map[xtrace.TaskID]bool
	regions []regionEvent // RegionBegin events
}

type regionEvent struct {
	xtrace.Region
	g xtrace.GoID
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	r, err := xtrace.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	p := parsed{tasks: map[xtrace.TaskID]xtrace.Task{}, ended: map[xtrace.TaskID]bool{}}
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			return p
		}
		require.NoError(t, err)
		switch ev.Kind() {
		case xtrace.EventTaskBegin:
			p.tasks[ev.Task().ID] = ev.Task()
		case xtrace.EventTaskEnd:
			p.ended[ev.Task().ID] = true
		case xtrace.EventRegionBegin:
			p.regions = append(p.regions, regionEvent{ev.Region(), ev.Goroutine()})
		}
	}
}

// only returns the one task of type typ.
func (p parsed) only(t *testing.T, typ string) xtrace.Task {
	t.Helper()
	var found []xtrace.Task
	for _, tk := range p.tasks {
		if tk.Type == typ {
			found = append(found, tk)
		}
	}
	require.Len(t, found, 1, "tasks of type %s", typ)
	return found[0]
}

// regionsOf returns the regions of task id.
func (p parsed) regionsOf(id xtrace.TaskID) []regionEvent {
	var out []regionEvent
	for _, r := range p.regions {
		if r.Task == id {
			out = append(out, r)
		}
	}
	return out
}

// A request resource triggers a step resource, a goroutine started with
// als.Go, a timer and a pool task: each is a task, child of the request's,
// and each callback is a region of its task, on the goroutine it ran on.
func TestTasksFollowTriggers(t *testing.T) {
	pool := spawn.NewPool[int](2)
	defer pool.Close()
	data := record(t, func() {
		req := asyncres.New("request")
		req.RunInAsyncScope(func() {
			step := asyncres.New("step")
			step.RunInAsyncScope(func() {})
			step.RunInAsyncScope(func() {})
			require.NoError(t, step.EmitDestroy())

			var wg sync.WaitGroup
			wg.Add(3)
			als.Go(wg.Done)
			spawn.AfterFunc(0, wg.Done)
			pool.Submit(func() (int, error) { return 1, nil }, func(int, error) { wg.Done() })
			wg.Wait()
		})
		require.NoError(t, req.EmitDestroy())
	})
	p := parse(t, data)

	req := p.only(t, "request")
	assert.Equal(t, xtrace.NoTask, req.Parent, "the request has no parent task")
	for _, typ := range []string{"step", spawn.TypeGoroutine, spawn.TypeTimeout, spawn.TypePoolTask} {
		tk := p.only(t, typ)
		assert.Equal(t, req.ID, tk.Parent, "%s's parent is the request", typ)
		assert.NotEmpty(t, p.regionsOf(tk.ID), "%s has a region", typ)
		for _, r := range p.regionsOf(tk.ID) {
			assert.Equal(t, typ, r.Type)
		}
	}
	assert.Len(t, p.regionsOf(p.only(t, "step").ID), 2, "one region per callback")
	reqRegions := p.regionsOf(req.ID)
	require.Len(t, reqRegions, 1)
	goRegions := p.regionsOf(p.only(t, spawn.TypeGoroutine).ID)
	assert.NotEqual(t, reqRegions[0].g, goRegions[0].g, "the goroutine's region is on the goroutine")
	assert.True(t, p.ended[req.ID], "destroyed, the request's task ended")
	assert.True(t, p.ended[p.only(t, "step").ID])
}

// checkRegions fails the test unless every region in data ends on the
// goroutine that began it, innermost first, and returns how many began.
func checkRegions(t *testing.T, data []byte) int {
	t.Helper()
	r, err := xtrace.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	open := map[xtrace.GoID][]string{}
	begun := 0
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch ev.Kind() {
		case xtrace.EventRegionBegin:
			begun++
			open[ev.Goroutine()] = append(open[ev.Goroutine()], ev.Region().Type)
		case xtrace.EventRegionEnd:
			stack := open[ev.Goroutine()]
			require.NotEmpty(t, stack, "a region ended on a goroutine with none open")
			assert.Equal(t, stack[len(stack)-1], ev.Region().Type, "innermost region ends first")
			open[ev.Goroutine()] = stack[:len(stack)-1]
		}
	}
	for g, stack := range open {
		assert.Empty(t, stack, "regions left open on goroutine %d", g)
	}
	return begun
}

// One resource entered on two goroutines at once, the second nesting
// another resource inside, while the first leaves: each goroutine ends
// its own regions. The steps are ordered by channels, so the case is hit
// every run.
func TestRegionsEndWhereTheyBegan(t *testing.T) {
	data := record(t, func() {
		shared := asyncres.New("shared")
		aIn, bInner, aDone := make(chan struct{}), make(chan struct{}), make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { //als:ignore two plain goroutines enter one resource at once
			defer wg.Done()
			shared.RunInAsyncScope(func() { close(aIn); <-bInner })
			close(aDone)
		}()
		go func() { //als:ignore two plain goroutines enter one resource at once
			defer wg.Done()
			<-aIn
			shared.RunInAsyncScope(func() {
				asyncres.New("inner").RunInAsyncScope(func() { close(bInner); <-aDone })
			})
		}()
		wg.Wait()
	})

	assert.Equal(t, 3, checkRegions(t, data))
}

// Many goroutines nesting callbacks of one resource at random leave no
// region open either.
func TestRegionsUnderContention(t *testing.T) {
	data := record(t, func() {
		shared := asyncres.New("shared")
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 4 {
			wg.Add(1)
			go func() { //als:ignore the same resource entered from plain goroutines at once
				defer wg.Done()
				<-start
				for range 50 {
					shared.RunInAsyncScope(func() {
						asyncres.New("inner").RunInAsyncScope(func() {})
					})
				}
			}()
		}
		close(start)
		wg.Wait()
	})
	assert.Equal(t, 4*50*2, checkRegions(t, data))
}

// No task is made while no trace is recorded.
func TestNoTraceNoTask(t *testing.T) {
	tracer := alstrace.Enable()
	res := asyncres.New("before the trace")
	var buf bytes.Buffer
	require.NoError(t, trace.Start(&buf))
	res.RunInAsyncScope(func() {})
	trace.Stop()
	tracer.Disable()
	p := parse(t, buf.Bytes())
	assert.Empty(t, p.tasks)
	assert.Empty(t, p.regions)
}
