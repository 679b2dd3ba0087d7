package benchmarks

import (
	"strconv"
	"testing"

	"github.com/go-als/als"
	"github.com/stretchr/testify/require"
)

// One storage per store type, declared once as programs do.
var (
	stringStorage  = als.New[string]()
	intStorage     = als.New[int]()
	boolStorage    = als.New[bool]()
	float64Storage = als.New[float64]()
)

// The values the typed stores hold. They are variables built at run time,
// as request ids and user ids are, so that no conversion can use the
// read-only data a constant would give it; the ints and floats are
// outside the small values Go keeps preallocated.
var (
	outerString, innerString   = "req-" + strconv.Itoa(1<<20), "req-" + strconv.Itoa(1<<21)
	outerInt, innerInt         = 1 << 20, 1 << 21
	outerBool, innerBool       = false, true
	outerFloat64, innerFloat64 = 1.5e9, 2.5e9
)

// runNestedStore is BenchmarkRunNested's als case for a storage of any
// store type: a Run of inner inside a Run of outer.
func runNestedStore[T any](b *testing.B, s *als.Storage[T], outer, inner T) {
	s.Run(outer, func() {
		b.ReportAllocs()
		for b.Loop() {
			s.Run(inner, work)
		}
	})
}

// BenchmarkRunNestedStore is the nested Run of BenchmarkRunNested for
// each kind of store a request carries: a string (a request id), an int,
// a bool, a float64 and a pointer (what BenchmarkRunNested/als holds).
// Whether a Run allocates depends on how the store is kept, not on the
// engine's bookkeeping, so each type has its own line.
func BenchmarkRunNestedStore(b *testing.B) {
	b.Run("string", func(b *testing.B) { runNestedStore(b, stringStorage, outerString, innerString) })
	b.Run("int", func(b *testing.B) { runNestedStore(b, intStorage, outerInt, innerInt) })
	b.Run("bool", func(b *testing.B) { runNestedStore(b, boolStorage, outerBool, innerBool) })
	b.Run("float64", func(b *testing.B) { runNestedStore(b, float64Storage, outerFloat64, innerFloat64) })
	b.Run("pointer", func(b *testing.B) {
		runNestedStore(b, alsStorage, &payload{id: 1}, &payload{id: 2})
	})
}

// Each typed storage reads back the inner value inside the nested Run and
// the outer one after it.
func TestTypedStores(t *testing.T) {
	t.Run("string", func(t *testing.T) { checkNested(t, stringStorage, outerString, innerString) })
	t.Run("int", func(t *testing.T) { checkNested(t, intStorage, outerInt, innerInt) })
	t.Run("bool", func(t *testing.T) { checkNested(t, boolStorage, outerBool, innerBool) })
	t.Run("float64", func(t *testing.T) { checkNested(t, float64Storage, outerFloat64, innerFloat64) })
}

func checkNested[T comparable](t *testing.T, s *als.Storage[T], outer, inner T) {
	require.NotEqual(t, outer, inner)
	s.Run(outer, func() {
		s.Run(inner, func() {
			got, ok := s.GetStore()
			require.True(t, ok)
			require.Equal(t, inner, got)
		})
		got, ok := s.GetStore()
		require.True(t, ok)
		require.Equal(t, outer, got)
	})
}
