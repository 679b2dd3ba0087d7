package gls

import "testing"

var sinkFrame *Frame

func BenchmarkLookup(b *testing.B) {
	k := NewKey("k")
	sc := Push(k, AnyValue(1))
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
		sinkFrame = (*Frame)(nil).With(k, AnyValue(v))
	}
}

func BenchmarkPushExitNested(b *testing.B) {
	k := NewKey("k")
	v := new(int)
	sc := Push(k, AnyValue(v))
	defer sc.Exit()
	b.ReportAllocs()
	for b.Loop() {
		Push(k, AnyValue(v)).Exit()
	}
}

func BenchmarkPushExitFresh(b *testing.B) {
	k := NewKey("k")
	v := new(int)
	b.ReportAllocs()
	for b.Loop() {
		Push(k, AnyValue(v)).Exit()
	}
}

func BenchmarkGet(b *testing.B) {
	k := NewKey("k")
	sc := Push(k, AnyValue(1))
	defer sc.Exit()
	for b.Loop() {
		if _, ok := AnyOf(Current().Get(k)); !ok {
			b.Fatal("lost")
		}
	}
}

func BenchmarkEnterFreshExit(b *testing.B) {
	f := (*Frame)(nil).With(NewKey("k"), AnyValue(1))
	b.ReportAllocs()
	for b.Loop() {
		Enter(f).Exit()
	}
}

func BenchmarkCurrent(b *testing.B) {
	sc := Push(NewKey("k"), AnyValue(1))
	defer sc.Exit()
	for b.Loop() {
		sinkFrame = Current()
	}
}
