package gls

// Value is a store as frames hold it: a reference part and a word of bits,
// so that a store need not be boxed in an interface. Boxing a string or
// most integers in an any allocates; like log/slog's Value, the caller
// (package als, which knows the store's type) keeps a string as a pointer
// to its bytes in Ref and its length in Bits, numbers in Bits alone, and
// pointers as themselves in Ref. The engine never looks inside a Value:
// only the code that made one decodes it.
type Value struct {
	Ref  any
	Bits uint64
}

// AnyValue returns the Value that holds v as it is.
func AnyValue(v any) Value { return Value{Ref: v} }

// AnyOf returns what Get or Frame.Get returned with the Value's Ref as
// it is: the inverse of AnyValue, for callers that store plain values.
func AnyOf(v Value, ok bool) (any, bool) { return v.Ref, ok }
