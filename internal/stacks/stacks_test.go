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

func TestID(t *testing.T) {
	for _, tc := range []struct {
		header string
		id     int64
		ok     bool
	}{
		{"goroutine 41 [running]:", 41, true},
		{"goroutine 1 [chan receive, 2 minutes]:\nmain.main()", 1, true},
		{"goroutine 7", 7, true},
		{"goroutine 9223372036854775807 [running]:", 1<<63 - 1, true},
		{"goroutine 9223372036854775808 [running]:", 0, false}, // past int64
		{"goroutine x [running]:", 0, false},
		{"goroutine 12x [running]:", 0, false},
		{"goroutine  [running]:", 0, false},
		{"goroutine ", 0, false},
		{"created by main.main in goroutine 1", 0, false},
		{"", 0, false},
	} {
		t.Run(tc.header, func(t *testing.T) {
			id, ok := ID(tc.header)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.id, id)
			id, ok = ID([]byte(tc.header))
			assert.Equal(t, tc.ok, ok, "as bytes")
			assert.Equal(t, tc.id, id, "as bytes")
		})
	}
}

// TestEachOnAStaticDump reads a dump in runtime.Stack's format,
// including text between goroutines that is no goroutine's.
func TestEachOnAStaticDump(t *testing.T) {
	dump := "goroutine 1 [running]:\nmain.main()\n\t/x/main.go:3 +0x1\n\n" +
		"goroutine 18 [chan receive]:\nmain.f()\n\t/x/main.go:9 +0x2\ncreated by main.main in goroutine 1\n\t/x/main.go:4 +0x3\n\n" +
		"not a goroutine\n\n" +
		"goroutine 19 [sleep]:\nmain.g()"
	var ids []int64
	var firstLines []string
	for id, stack := range Each([]byte(dump)) {
		ids = append(ids, id)
		first, _, _ := bytes.Cut(stack, []byte("\n"))
		firstLines = append(firstLines, string(first))
	}
	assert.Equal(t, []int64{1, 18, 19}, ids)
	assert.Equal(t, []string{"goroutine 1 [running]:", "goroutine 18 [chan receive]:", "goroutine 19 [sleep]:"}, firstLines)

	n := 0
	for range Each([]byte(dump)) {
		n++
		break
	}
	assert.Equal(t, 1, n, "Each stops when the loop does")
}

// TestEachFindsEveryGoroutine finds the caller first and a parked
// goroutine in a real dump.
func TestEachFindsEveryGoroutine(t *testing.T) {
	b := make([]byte, 64)
	self, ok := ID(b[:runtimeStackSelf(b)])
	assert.True(t, ok)
	park := make(chan struct{})
	ready := make(chan int64)
	var done sync.WaitGroup
	done.Add(1)
	go func() { //als:ignore a parked goroutine holds no context
		defer done.Done()
		b := make([]byte, 64)
		id, _ := ID(b[:runtimeStackSelf(b)])
		ready <- id
		<-park
	}()
	parked := <-ready
	var ids []int64
	for id := range Each(All()) {
		ids = append(ids, id)
	}
	close(park)
	done.Wait()
	if assert.NotEmpty(t, ids) {
		assert.Equal(t, self, ids[0], "the caller comes first")
	}
	assert.Contains(t, ids, parked)
}
