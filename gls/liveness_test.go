package gls

import (
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGLayoutFoundByNameAndChecked(t *testing.T) {
	l, err := findGLayout()
	require.NoError(t, err, "CI's platforms must read liveness without stopping the world")
	require.NoError(t, checkGLayout(l))
	assert.NotNil(t, layout(), "the reclaimer uses the runtime.g layout")
}

func TestCheckGLayoutRejectsWrongOffsets(t *testing.T) {
	l, err := findGLayout()
	require.NoError(t, err)
	tests := []struct {
		name string
		l    gLayout
	}{
		{"goid off by a word", gLayout{goid: l.goid + 8, status: l.status}},
		{"status off by a word", gLayout{goid: l.goid, status: l.status + 4}},
		{"fields swapped", gLayout{goid: l.status &^ 7, status: l.goid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, checkGLayout(tt.l), ErrLayout)
		})
	}
}

// TestLiveGoroutinesAreNeverJudgedEnded: running, parked, sleeping, in a
// system call and preempted in a busy loop, a goroutine is alive.
func TestLiveGoroutinesAreNeverJudgedEnded(t *testing.T) {
	l := layout()
	require.NotNil(t, l)
	stop := make(chan struct{})
	var fds [2]int
	require.NoError(t, syscall.Pipe(fds[:]))
	defer syscall.Close(fds[1])
	type probe struct {
		g    unsafe.Pointer
		id   int64
		name string
	}
	probes := make(chan probe, 4)
	var wg sync.WaitGroup
	start := func(name string, body func()) {
		wg.Add(1)
		go func() { //als:ignore probes hold no context
			defer wg.Done()
			probes <- probe{getg(), curGoid(), name}
			body()
		}()
	}
	start("parked", func() { <-stop })
	start("sleeping", func() {
		for {
			select {
			case <-stop:
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	})
	start("in a system call", func() {
		var b [1]byte
		syscall.Read(fds[0], b[:])
	})
	start("busy", func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
		}
	})
	var ps []probe
	for range 4 {
		ps = append(ps, <-probes)
	}
	for deadline := time.Now().Add(250 * time.Millisecond); time.Now().Before(deadline); {
		for _, p := range ps {
			require.False(t, l.ended(p.g, p.id), "the %s goroutine is alive", p.name)
		}
		runtime.Gosched()
	}
	close(stop)
	syscall.Write(fds[1], []byte{0})
	wg.Wait()
	for _, p := range ps {
		assert.Eventually(t, func() bool { return l.ended(p.g, p.id) }, time.Second, time.Millisecond)
	}
	syscall.Close(fds[0])
}

// TestFallbackJudgesOnlyWhatItsSnapshotSaw: an entry watched after the
// runtime.Stack snapshot began is not judged by it, even though the
// snapshot does not list its goroutine.
func TestFallbackJudgesOnlyWhatItsSnapshotSaw(t *testing.T) {
	live := map[int64]struct{}{} // a snapshot that saw no goroutine
	judge := snapshotJudge(live, 10)
	assert.True(t, judge(&watched{id: 1, seq: 10}), "watched before the snapshot and absent: ended")
	assert.False(t, judge(&watched{id: 2, seq: 11}), "watched after the snapshot began: not judged")
	live[1] = struct{}{}
	assert.False(t, judge(&watched{id: 1, seq: 10}), "present in the snapshot: alive")
}

// TestFallbackSweep runs whole sweeps the fallback way: ended goroutines'
// entries go, a live one's stays.
func TestFallbackSweep(t *testing.T) {
	if compiled {
		t.Log("compiled mode watches nothing")
		return
	}
	k := NewKey("k")
	stop, set := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { //als:ignore the test needs an unscoped entry
		defer wg.Done()
		Set(k, AnyValue("alive"))
		close(set)
		<-stop
		v, ok := AnyOf(Get(k))
		assert.True(t, ok, "a live goroutine's entry survives fallback sweeps")
		assert.Equal(t, "alive", v)
	}()
	<-set
	var ended sync.WaitGroup
	for i := range 20 {
		ended.Add(1)
		go func() { //als:ignore the test needs unscoped entries
			defer ended.Done()
			Set(k, AnyValue(i))
		}()
	}
	ended.Wait()
	require.Eventually(t, func() bool {
		sweepUsing(nil)
		return Watched() == 1
	}, 5*time.Second, 10*time.Millisecond, "the fallback reclaims ended goroutines")
	close(stop)
	wg.Wait()
	require.Eventually(t, func() bool { return Watched() == 0 }, 5*time.Second, 10*time.Millisecond)
}
