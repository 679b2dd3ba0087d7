package gls

import "testing"

var sinkFrame *Frame

func BenchmarkLookup(b *testing.B) {
	k := NewKey("k")
	sc := Push(k, 1)
	defer sc.Exit()
	for b.Loop() {
		if _, st := lookup(); st == nil {
			b.Fatal("no state")
		}
	}
}

func BenchmarkFrameWith1(b *testing.B) {
	k := NewKey("k")
	v := new(int)
	b.ReportAllocs()
	for b.Loop() {
		sinkFrame = (*Frame)(nil).With(k, v)
	}
}

func BenchmarkPushExitNested(b *testing.B) {
	k := NewKey("k")
	v := new(int)
	sc := Push(k, v)
	defer sc.Exit()
	b.ReportAllocs()
	for b.Loop() {
		Push(k, v).Exit()
	}
}

func BenchmarkPushExitFresh(b *testing.B) {
	k := NewKey("k")
	v := new(int)
	b.ReportAllocs()
	for b.Loop() {
		Push(k, v).Exit()
	}
}

func BenchmarkGet(b *testing.B) {
	k := NewKey("k")
	sc := Push(k, 1)
	defer sc.Exit()
	for b.Loop() {
		if _, ok := Current().Get(k); !ok {
			b.Fatal("lost")
		}
	}
}
