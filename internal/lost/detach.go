package lost

import (
	"bytes"
	"strconv"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/stacks"
)

// A goroutine started inside als.Detach holds no context on purpose, and
// its creator, once Detach returns, holds a request's context again: the
// detector must not report it. Nothing marks a goroutine as started
// inside Detach, and the creator's entry may only be tested for presence,
// so while the detector is on Detach takes two snapshots of every
// goroutine (runtime.Stack, which stops the world: debug mode only) and
// remembers the goroutines its caller started in between.
var (
	detaching = map[int64]int{}      // goroutine id -> Detach calls in progress
	detached  = map[int64]struct{}{} // goroutines started inside Detach
)

// Detaching records that the calling goroutine enters als.Detach, and
// returns the function to call when it leaves. Call it only while
// On.
func Detaching() (done func()) {
	self := gls.GoroutineID()
	before := children(self)
	mu.Lock()
	detaching[self]++
	mu.Unlock()
	return func() {
		after := children(self)
		mu.Lock()
		defer mu.Unlock()
		for id := range after.kids {
			if _, ok := before.kids[id]; !ok {
				detached[id] = struct{}{}
			}
		}
		for id := range detached {
			if _, ok := after.live[id]; !ok {
				delete(detached, id) // ended: forget it, so the set stays small
			}
		}
		if detaching[self]--; detaching[self] == 0 {
			delete(detaching, self)
		}
	}
}

// inDetach reports whether goroutine id, started by creator, was (or may
// be now) started inside als.Detach. A goroutine running inside Detach
// itself holds an entry, its empty scope, and is never judged.
func inDetach(id, creator int64) bool {
	mu.Lock()
	defer mu.Unlock()
	if detaching[creator] > 0 {
		return true
	}
	_, ok := detached[id]
	return ok
}

type snapshot struct {
	live map[int64]struct{} // every goroutine
	kids map[int64]struct{} // those the creator started
}

// children takes a snapshot of every goroutine and of those creator
// started.
func children(creator int64) snapshot {
	s := snapshot{live: map[int64]struct{}{}, kids: map[int64]struct{}{}}
	by := []byte(" in goroutine " + strconv.FormatInt(creator, 10) + "\n")
	for id, g := range stacks.Each(stacks.All()) {
		s.live[id] = struct{}{}
		if i := bytes.Index(g, []byte("\ncreated by ")); i >= 0 && bytes.Contains(g[i:], by) {
			s.kids[id] = struct{}{}
		}
	}
	return s
}
