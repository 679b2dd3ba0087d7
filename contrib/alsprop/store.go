package alsprop

import (
	"context"

	"github.com/go-als/als"
)

// Store is one received store, ready to be set: a storage and its value.
// [Member.Decode] returns one; [Set] makes one for a storage of the
// transport's own, such as the remote span.
type Store struct {
	run func(fn func())
}

// Set returns the [Store] that sets s to v.
func Set[T any](s *als.Storage[T], v T) Store {
	return Store{run: func(fn func()) { s.Run(v, fn) }}
}

// Hide returns the [Store] that hides s's store ([als.Storage.Exit]).
func Hide[T any](s *als.Storage[T]) Store {
	return Store{run: func(fn func()) { s.Exit(fn) }}
}

// WithStores returns a copy of ctx that carries an als context
// ([als.WithContext]): the one ctx already carries, or else the caller's
// current one, with stores set on top, the later ones innermost. Enter it
// with [als.RunContext]. A zero [Store] is skipped.
func WithStores(ctx context.Context, stores ...Store) context.Context {
	var out context.Context
	var nest func(i int)
	nest = func(i int) {
		switch {
		case i == len(stores):
			out = als.WithContext(ctx)
		case stores[i].run == nil:
			nest(i + 1)
		default:
			stores[i].run(func() { nest(i + 1) })
		}
	}
	als.RunContext(ctx, func() { nest(0) })
	return out
}
