package spawn_test

import (
	"errors"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
	"github.com/go-als/als/hooks"
	"github.com/go-als/als/hooks/hookstest"
	"github.com/go-als/als/internal/asyncevent"
	"github.com/go-als/als/spawn"
)

var store = als.New[string]()

func TestGoCarriesContext(t *testing.T) {
	for _, withHook := range []bool{false, true} {
		name := map[bool]string{false: "no hooks", true: "hook enabled"}[withHook]
		t.Run(name, func(t *testing.T) {
			if withHook {
				hookstest.Start(t)
			}
			var wg sync.WaitGroup
			wg.Add(2)
			store.Run("parent", func() {
				spawn.Go(func() {
					defer wg.Done()
					v, ok := store.GetStore()
					assert.True(t, ok)
					assert.Equal(t, "parent", v)
				})
			})
			spawn.Go(func() { // no context to carry
				defer wg.Done()
				_, ok := store.GetStore()
				assert.False(t, ok)
			})
			wg.Wait()
			alstest.VerifyNone(t) // children's entries are removed when they end
		})
	}
}

// Without hooks the child runs in the root execution context: Go builds
// no resource then.
func TestGoWithoutHooksRunsInRootExecution(t *testing.T) {
	require.False(t, asyncevent.Enabled())
	outer := asyncresNew(t, "OUTER")
	done := make(chan struct{})
	outer.RunInAsyncScope(func() {
		spawn.Go(func() {
			defer close(done)
			assert.Equal(t, hooks.RootAsyncID, hooks.ExecutionAsyncID())
			assert.Equal(t, uint64(0), hooks.TriggerAsyncID())
			assert.Nil(t, hooks.ExecutionAsyncResource())
		})
	})
	<-done
}

// SPEC 15: Go makes a "GOROUTINE" resource: init in the parent with the
// parent's execution id as trigger, before/after around fn in the child,
// then destroy.
func TestGoLifecycle(t *testing.T) {
	rec := hookstest.Start(t)
	parent := asyncresNew(t, "PARENT")
	var childID, childTrigger, initGoroutineExec uint64
	done := make(chan struct{})
	parent.RunInAsyncScope(func() {
		spawn.Go(func() {
			childID = hooks.ExecutionAsyncID()
			childTrigger = hooks.TriggerAsyncID()
			close(done)
		})
		// Init was emitted synchronously, before Go returned, here.
		init := goroutineInit(t, rec, parent.AsyncID())
		initGoroutineExec = init.ExecID
	})
	<-done
	require.True(t, rec.Await(5*time.Second, hookstest.Has(hookstest.Destroy, childID)))
	assert.Equal(t, parent.AsyncID(), initGoroutineExec, "init runs in the parent")
	assert.Equal(t, parent.AsyncID(), childTrigger, "trigger is the parent's execution id")
	assert.NotEqual(t, parent.AsyncID(), childID)
	ev := rec.For(childID)
	assert.Equal(t, []hookstest.Kind{hookstest.Init, hookstest.Before, hookstest.After, hookstest.Destroy}, kinds(ev))
	assert.Equal(t, spawn.TypeGoroutine, ev[0].Type)
	assert.Equal(t, parent.AsyncID(), ev[0].Trigger)
	assert.Equal(t, childID, ev[1].ExecID, "before runs in the child's scope")
	assert.Equal(t, childID, ev[2].ExecID, "after runs in the child's scope")
}

// A panic in fn crashes the program as in a plain go statement. The test
// binary runs itself with crashEnv set, and that child panics in spawn.Go.
const crashEnv = "SPAWN_TEST_CRASH"

func TestGoPanicCrashesProgram(t *testing.T) {
	if mode := os.Getenv(crashEnv); mode != "" {
		if mode == "hooks" {
			hooks.Create(hooks.Callbacks{After: func(uint64) {}, Destroy: func(uint64) {}}).Enable()
		}
		store.Run("ctx", func() {
			spawn.Go(func() { panic(errors.New("spawned-boom")) })
		})
		time.Sleep(time.Minute) // the crash ends the process first
		os.Exit(0)
	}
	for _, mode := range []string{"plain", "hooks"} {
		t.Run(mode, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestGoPanicCrashesProgram$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnv+"="+mode)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the child must crash; output:\n%s", out)
			assert.Equal(t, 2, exit.ExitCode(), "Go's exit code for an unrecovered panic")
			assert.Contains(t, string(out), "panic: spawned-boom")
			assert.NotContains(t, string(out), "[recovered]")
			assert.Contains(t, string(out), "go_test.go", "the trace shows the panic site")
		})
	}
}

func kinds(evs []hookstest.Event) []hookstest.Kind {
	var out []hookstest.Kind
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return out
}

// goroutineInit finds the Init of the GOROUTINE resource triggered by
// trigger; other events, such as destroys of collected resources of
// earlier tests, may come in between.
func goroutineInit(t *testing.T, rec *hookstest.Recorder, trigger uint64) hookstest.Event {
	t.Helper()
	for _, e := range rec.Events() {
		if e.Kind == hookstest.Init && e.Type == spawn.TypeGoroutine && e.Trigger == trigger {
			return e
		}
	}
	require.Fail(t, "no GOROUTINE init", "trigger %d", trigger)
	return hookstest.Event{}
}
