package gls_test

import (
	"testing"

	"github.com/go-als/als/gls"
)

func BenchmarkCurrent(b *testing.B) {
	k := gls.NewKey("k")
	sc := gls.Push(k, gls.AnyValue(1))
	defer sc.Exit()
	for b.Loop() {
		if gls.Current() == nil {
			b.Fatal("no frame")
		}
	}
}

func BenchmarkPushExit(b *testing.B) {
	k := gls.NewKey("k")
	sc := gls.Push(k, gls.AnyValue(1))
	defer sc.Exit()
	b.ReportAllocs()
	for b.Loop() {
		gls.Push(k, gls.AnyValue(2)).Exit()
	}
}
