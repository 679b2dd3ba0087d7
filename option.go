package als

// Option configures a [Storage] in [New]. Make one with [WithDefault] or
// [WithName]. An Option is a plain value, as in package asyncres: the zero
// Option changes nothing, and when two set the same thing the later wins.
type Option[T any] struct {
	def    T
	hasDef bool
	name   string
}

// WithDefault makes [Storage.GetStore] return v, instead of T's zero
// value, outside any context. GetStore still reports false there.
func WithDefault[T any](v T) Option[T] {
	return Option[T]{def: v, hasDef: true}
}

// WithName names the storage, like the name option of Node's
// AsyncLocalStorage. The name appears in [Storage.String], in debug
// output and in the lines of the context-loss detector (ALS_DEBUG=lost);
// it need not be unique.
func WithName[T any](name string) Option[T] {
	return Option[T]{name: name}
}

// apply sets on s what o sets.
func (o Option[T]) apply(s *Storage[T]) {
	if o.hasDef {
		s.def = o.def
	}
	if o.name != "" {
		s.name = o.name
	}
}
