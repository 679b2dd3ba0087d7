package alspprof_test

import (
	"testing"

	"github.com/go-als/als"
	"github.com/go-als/als/contrib/alspprof"
)

// BenchmarkRun measures what the labels add to a Run: a bare Run, Run with
// one and two labels, and a Do nested in a labeled Run.
func BenchmarkRun(b *testing.B) {
	tenant := als.New[string]()
	route := als.New[string]()
	one := alspprof.New(alspprof.Label("tenant", tenant))
	two := alspprof.New(alspprof.Label("tenant", tenant), alspprof.Label("route", route))
	fn := func() {}
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tenant.Run("acme", fn)
		}
	})
	b.Run("labels=1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			alspprof.Run(one, tenant, "acme", fn)
		}
	})
	route.Run("GET /orders/{id}", func() {
		b.Run("labels=2", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				alspprof.Run(two, tenant, "acme", fn)
			}
		})
	})
	b.Run("nested", func(b *testing.B) {
		alspprof.Run(one, tenant, "acme", func() {
			route.Run("GET /orders/{id}", func() {
				b.ReportAllocs()
				for b.Loop() {
					two.Do(fn)
				}
			})
		})
	})
}
