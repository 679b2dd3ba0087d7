package als_test

import (
	"fmt"
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/alstest"
)

// The fuzz target reads a byte string as a program of context operations
// over three storages, runs it on als, and checks every GetStore against a
// reference model that is nothing but copied maps.

const fuzzStorages = 3

type opKind byte

const (
	opRun opKind = iota
	opExit
	opEnterWith
	opGo
	opBind
	opSnapshot
	opDisable
	opEnd
	opKinds
)

type op struct {
	kind opKind
	s    int
	v    int
	body []op
}

// parse turns data into a tree of ops: Run, Exit, Go, Bind and Snapshot
// take a body that runs until an End op or the end of the data.
func parse(data []byte) (ops []op, rest []byte) {
	for len(data) > 0 {
		b := data[0]
		data = data[1:]
		o := op{kind: opKind(b) % opKinds, s: int(b>>3) % fuzzStorages}
		if len(data) > 0 {
			o.v = int(data[0])
			data = data[1:]
		}
		switch o.kind {
		case opEnd:
			return ops, data
		case opRun, opExit, opGo, opBind, opSnapshot:
			o.body, data = parse(data)
		}
		ops = append(ops, o)
	}
	return ops, nil
}

// modelEntry is a store as the model sees it: the value and the storage
// generation it was set in. Disable starts a new generation, which hides
// every entry from older ones wherever they were captured.
type modelEntry struct{ v, gen int }

type model map[int]modelEntry

func (m model) with(s int, e modelEntry) model {
	n := make(model, len(m)+1)
	for k, v := range m {
		n[k] = v
	}
	n[s] = e
	return n
}

func (m model) without(s int) model {
	n := make(model, len(m))
	for k, v := range m {
		if k != s {
			n[k] = v
		}
	}
	return n
}

type fuzzWorld struct {
	t   *testing.T
	ss  [fuzzStorages]*als.Storage[int]
	gen [fuzzStorages]int // only the interpreting goroutine touches it
}

func (w *fuzzWorld) check(where string, m model) {
	for i, s := range w.ss {
		v, ok := s.GetStore()
		e, want := m[i]
		want = want && e.gen == w.gen[i]
		if ok != want || (ok && v != e.v) {
			w.t.Errorf("%s: storage %d: got (%d, %v), model says (%d, %v)", where, i, v, ok, e.v, want)
		}
	}
}

// exec runs ops on als and on the model *m, checking after every op.
func (w *fuzzWorld) exec(ops []op, m *model, depth int) {
	for _, o := range ops {
		where := fmt.Sprintf("depth %d op %d(s=%d,v=%d)", depth, o.kind, o.s, o.v)
		switch o.kind {
		case opRun:
			inner := m.with(o.s, modelEntry{o.v, w.gen[o.s]})
			w.ss[o.s].Run(o.v, func() { w.exec(o.body, &inner, depth+1) })
		case opExit:
			inner := m.without(o.s)
			w.ss[o.s].Exit(func() { w.exec(o.body, &inner, depth+1) })
		case opEnterWith:
			w.ss[o.s].EnterWith(o.v)
			*m = m.with(o.s, modelEntry{o.v, w.gen[o.s]})
		case opGo:
			child := *m
			done := make(chan struct{})
			als.Go(func() {
				defer close(done)
				w.exec(o.body, &child, depth+1)
			})
			<-done
		case opBind, opSnapshot:
			captured := *m
			var run func(func())
			if o.kind == opBind {
				var body func()
				bound := als.Bind(func() { body() })
				run = func(fn func()) { body = fn; bound() }
			} else {
				run = als.Snapshot()
			}
			// Change the caller's context between capture and call, so a
			// bound function that ran in the wrong frame would show it.
			perturb := (o.s + 1) % fuzzStorages
			w.ss[perturb].EnterWith(o.v + 1000)
			*m = m.with(perturb, modelEntry{o.v + 1000, w.gen[perturb]})
			run(func() { w.exec(o.body, &captured, depth+1) })
		case opDisable:
			w.ss[o.s].Disable()
			w.gen[o.s]++
		}
		w.check(where, *m)
	}
}

func FuzzSemantics(f *testing.F) {
	f.Add([]byte{0, 1, 2, 5, 7, 0})
	f.Add([]byte{0, 1, 3, 0, 9, 2, 8, 7, 7, 7, 2, 3})
	f.Add([]byte{4, 1, 0, 2, 6, 0, 7, 5, 3, 1, 0})
	f.Add([]byte{8, 4, 0, 1, 1, 2, 14, 9, 7, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512] // deep programs add run time, not coverage
		}
		ops, _ := parse(data)
		w := &fuzzWorld{t: t}
		for i := range w.ss {
			w.ss[i] = als.New[int]()
		}
		// Run in an als.Go child: its scope ends every EnterWith of the
		// program, so nothing is left for the next input.
		done := make(chan struct{})
		als.Go(func() {
			defer close(done)
			m := model{}
			w.check("start", m)
			w.exec(ops, &m, 0)
		})
		<-done
		alstest.VerifyNone(t)
	})
}
