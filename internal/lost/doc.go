// Package lost is the context-loss detector behind ALS_DEBUG=lost and
// alstest's loss watchers: when a GetStore misses in a goroutine that
// holds no context while the goroutine that started it holds one, the
// context was most likely dropped at the hand-off, and the detector names
// where that goroutine was started, once per site.
//
// The creation site comes from the goroutine's own traceback: its
// "created by F in goroutine N" line and the file:line of the go
// statement. For goroutines a library starts (sync.WaitGroup.Go,
// errgroup.Group.Go, context.AfterFunc) that site is inside the library;
// with GODEBUG=tracebackancestors=N the runtime also records the
// creator's stack at the go statement, and the detector names the first
// function outside the standard library and golang.org/x there: the
// user's call. The runtime prints those ancestor frames at their return
// addresses, which can be the line after the call, so the detector names
// that function and its file but no line.
//
// Whether the creator holds a context is asked of the goroutine table
// with gls.Holds, which only tests the creator's entry for presence: the
// table's protocol lets no goroutine read another's frame, so the
// detector names the storage whose GetStore missed, not the stores the
// creator holds. Goroutines the runtime starts for time.AfterFunc have no
// creator goroutine; a miss there is reported while any goroutine holds a
// context. In compiled mode contexts live in the runtime and go
// statements inherit them, gls.Holds reports false, and the detector
// reports nothing.
package lost
