package als

import (
	"reflect"
	"unsafe"

	"github.com/go-als/als/gls"
)

// A store travels through the engine as a gls.Value, which a Storage
// packs according to its type so that a store does not have to be boxed
// in an interface: boxing a string, or any integer above 255, allocates,
// and Run would allocate every time.
//
//   - bits: booleans and numbers of up to 8 bytes live in Value.Bits,
//     written and read through a *T over the word, so the layout is the
//     same whatever the byte order;
//   - text: a string keeps its data pointer, as a *byte, in Value.Ref
//     and its length in Value.Bits;
//   - ref: a pointer, map, channel or func is pointer-shaped, so boxing
//     it in Value.Ref costs nothing;
//   - boxed: anything else (structs, slices, interfaces) is boxed in
//     Value.Ref as before. Interfaces do not allocate there either.
type layout uint8

const (
	boxed layout = iota
	bits
	text
	ref
)

// layoutOf chooses how stores of type T travel, once per Storage.
func layoutOf[T any]() layout {
	t := reflect.TypeFor[T]()
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64:
		if t.Size() <= 8 {
			return bits
		}
	case reflect.String:
		return text
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return ref
	}
	return boxed
}

func pack[T any](l layout, v T) gls.Value {
	switch l {
	case bits:
		var w uint64
		*(*T)(unsafe.Pointer(&w)) = v
		return gls.Value{Bits: w}
	case text:
		s := *(*string)(unsafe.Pointer(&v))
		return gls.Value{Ref: unsafe.StringData(s), Bits: uint64(len(s))}
	}
	return gls.Value{Ref: v}
}

func unpack[T any](l layout, v gls.Value) T {
	switch l {
	case bits:
		return *(*T)(unsafe.Pointer(&v.Bits))
	case text:
		s := unsafe.String(dataOf(v.Ref), int(v.Bits))
		return *(*T)(unsafe.Pointer(&s))
	case ref:
		p := dataOf(v.Ref)
		return *(*T)(unsafe.Pointer(&p))
	}
	t, _ := v.Ref.(T) // a nil interface store yields T's zero value
	return t
}

// dataOf returns the data word of a pointer-shaped value in an interface.
func dataOf(a any) *byte {
	return (*[2]*byte)(unsafe.Pointer(&a))[1]
}
