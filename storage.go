package als

import (
	"reflect"
	"runtime"
	"sync/atomic"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/errs"
	"github.com/go-als/als/internal/lost"
)

// Storage holds one value per context, like Node's AsyncLocalStorage: Run
// sets it for a call tree, GetStore reads it anywhere below, and Go, Bind
// and Snapshot carry it to other goroutines. Create one with New, usually
// as a package-level variable; a Storage is safe for concurrent use.
type Storage[T any] struct {
	// key is the slot in frames. Disable swaps in a fresh key, which makes
	// every frame built before unable to see a store, wherever it was
	// captured, without touching any of them.
	key atomic.Pointer[gls.Key]
	// live mirrors key for the cleanup that retires the last key when the
	// Storage is collected; the cleanup may not reference the Storage.
	live *atomic.Pointer[gls.Key]
	def  T
	name string // WithName's, or the type's: see String
	lay  layout // how stores travel through frames (value.go)
}

// New returns a Storage with no store set anywhere.
func New[T any](opts ...Option[T]) *Storage[T] {
	s := &Storage[T]{live: new(atomic.Pointer[gls.Key]), lay: layoutOf[T]()}
	for _, o := range opts {
		o.apply(s)
	}
	if s.name == "" {
		s.name = "als.Storage[" + reflect.TypeFor[T]().String() + "]"
	}
	s.setKey(gls.NewKey(s.name))
	// Frames keep keys, not storages: once s is unreachable its stores can
	// never be read again, and retiring the key lets frames drop them.
	runtime.AddCleanup(s, func(live *atomic.Pointer[gls.Key]) { live.Load().Retire() }, s.live)
	return s
}

func (s *Storage[T]) setKey(k *gls.Key) {
	s.live.Store(k)
	if old := s.key.Swap(k); old != nil {
		old.Retire()
	}
}

// GetStore returns the store of the current context and true, or the
// default (T's zero value unless WithDefault) and false outside any
// context of this storage.
func (s *Storage[T]) GetStore() (T, bool) {
	k := s.key.Load()
	me := gls.Me()
	if v, ok := me.Top(k); ok { // inlined: the common case
		return unpack[T](s.lay, v), true
	}
	if v, ok := me.Get(k); ok {
		return unpack[T](s.lay, v), true
	}
	if lost.On.Load() {
		lost.Check(s.name) // the miss path only: a hit pays nothing
	}
	return s.def, false
}

// String returns the storage's name: the one given with WithName, or
// "als.Storage[T]" with T's type, such as als.Storage[string].
func (s *Storage[T]) String() string { return s.name }

// Run calls fn with store as this storage's store; every other storage
// keeps its store. When fn returns or panics, the whole previous context
// comes back, including changes EnterWith made inside fn. A panic from fn
// propagates unchanged.
func (s *Storage[T]) Run(store T, fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("Storage.Run"))
	}
	sc := gls.Push(s.key.Load(), pack(s.lay, store))
	defer sc.Exit()
	fn()
}

// EnterWith sets store for the rest of the current goroutine, or until the
// enclosing Run, Exit or other scope ends, and for goroutines started with
// Go afterwards. Prefer Run: EnterWith in a long-lived goroutine that
// serves many requests carries one request's store into the next.
func (s *Storage[T]) EnterWith(store T) {
	gls.Set(s.key.Load(), pack(s.lay, store))
}

// Exit calls fn outside this storage's context: inside fn GetStore
// reports no store, while other storages keep theirs.
func (s *Storage[T]) Exit(fn func()) {
	if fn == nil {
		panic(errs.NilFuncTo("Storage.Exit"))
	}
	sc := gls.Hide(s.key.Load())
	defer sc.Exit()
	fn()
}

// Disable ends every context of this storage: from now on GetStore reports
// no store everywhere, in goroutines, bound functions and snapshots
// captured before too. A later Run or EnterWith sets a store again. A
// Storage need not be disabled to be garbage-collected.
func (s *Storage[T]) Disable() {
	s.setKey(gls.NewKey(s.name))
}
