package als_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-als/als"
)

type (
	tenant   string
	priority int8
	point    struct{ X, Y int }
	wrapped  struct{ p *int }
)

// roundTrip stores v with Run, nested inside another store so that both
// the innermost read and a read under another storage's scope are
// covered, and returns what GetStore saw in each place.
func roundTrip[T any](t *testing.T, v T) (top, under T) {
	t.Helper()
	s, other := als.New[T](), als.New[int]()
	var okTop, okUnder bool
	s.Run(v, func() {
		top, okTop = s.GetStore()
		other.Run(1, func() { under, okUnder = s.GetStore() })
	})
	require.True(t, okTop, "lost the store at the top")
	require.True(t, okUnder, "lost the store under another storage's scope")
	_, ok := s.GetStore()
	require.False(t, ok, "the store outlived its Run")
	return top, under
}

func check[T any](v T) func(t *testing.T) {
	return func(t *testing.T) {
		top, under := roundTrip(t, v)
		assert.Equal(t, v, top)
		assert.Equal(t, v, under)
	}
}

// TestStoresOfEveryLayout round-trips stores of every kind of type, each
// of which travels through frames in one of four layouts (value.go).
func TestStoresOfEveryLayout(t *testing.T) {
	n := 42
	long := strings.Repeat("x", 1000)
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"string", check("request-1234567890")},
		{"empty string", check("")},
		{"substring", check(long[10:20])},
		{"named string", check(tenant("acme"))},
		{"int", check(123456789)},
		{"negative int", check(-1)},
		{"int8", check(int8(-7))},
		{"named int8", check(priority(3))},
		{"uint64 max", check(uint64(math.MaxUint64))},
		{"uintptr", check(uintptr(0xdeadbeef))},
		{"bool true", check(true)},
		{"bool false", check(false)},
		{"float64", check(math.Pi)},
		{"float64 -0", check(math.Copysign(0, -1))},
		{"float32", check(float32(2.5))},
		{"complex64", check(complex64(1 + 2i))},
		{"complex128", check(complex(3, 4))},
		{"pointer", check(&n)},
		{"nil pointer", check((*int)(nil))},
		{"map", check(map[string]int{"a": 1})},
		{"nil map", check(map[string]int(nil))},
		{"chan", check(make(chan int))},
		{"struct", check(point{1, 2})},
		{"pointer-shaped struct", check(wrapped{&n})},
		{"slice", check([]int{1, 2, 3})},
		{"array", check([3]byte{1, 2, 3})},
		{"error", check(errors.New("boom"))},
		{"any holding an int", check[any](7)},
		{"nil any", check[any](nil)},
		{"nil error", check[error](nil)},
		{"func", func(t *testing.T) {
			called := false
			top, under := roundTrip(t, func() { called = true })
			top()
			assert.True(t, called)
			called = false
			under()
			assert.True(t, called)
		}},
		{"NaN", func(t *testing.T) {
			top, under := roundTrip(t, math.NaN())
			assert.True(t, math.IsNaN(top) && math.IsNaN(under))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestStoredStringSurvivesGC checks that a string store keeps its bytes
// alive: the engine holds only a pointer to them, and the collector must
// see it.
func TestStoredStringSurvivesGC(t *testing.T) {
	s := als.New[string]()
	want := make([]string, 100)
	for i := range want {
		want[i] = fmt.Sprintf("request-%d-%s", i, strings.Repeat("y", i))
	}
	var nest func(i int)
	nest = func(i int) {
		if i == len(want) {
			runtime.GC()
			runtime.GC()
			return
		}
		// The only reference to the string is the one Run keeps.
		s.Run(fmt.Sprintf("request-%d-%s", i, strings.Repeat("y", i)), func() {
			nest(i + 1)
			got, _ := s.GetStore()
			assert.Equal(t, want[i], got)
		})
	}
	nest(0)
}

// TestNestedRunAllocatesNothing is issue 13's goal: a nested Run of a
// string, int, bool, float or pointer store allocates nothing.
func TestNestedRunAllocatesNothing(t *testing.T) {
	p := &point{1, 2}
	tests := []struct {
		name string
		run  func() float64
	}{
		{"string", nestedRunAllocs("request-1234567890")},
		{"int", nestedRunAllocs(123456789)},
		{"bool", nestedRunAllocs(true)},
		{"float64", nestedRunAllocs(math.Pi)},
		{"pointer", nestedRunAllocs(p)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Zero(t, tt.run())
		})
	}
}

func nestedRunAllocs[T any](v T) func() float64 {
	return func() float64 {
		s := als.New[T]()
		var allocs float64
		s.Run(v, func() {
			fn := func() {
				if _, ok := s.GetStore(); !ok {
					panic("lost store")
				}
			}
			allocs = testing.AllocsPerRun(1000, func() { s.Run(v, fn) })
		})
		return allocs
	}
}
