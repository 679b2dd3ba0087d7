package lost

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/stacks"
)

// Loss is one hand-off that dropped a context: where the goroutine that
// missed was started, and by whom.
type Loss struct {
	// Storage is the name of the storage whose GetStore missed.
	Storage string
	// Goroutine is the id of the goroutine that missed, Creator the id of
	// the goroutine that started it; 0 when the runtime started it (a
	// time.AfterFunc timer).
	Goroutine, Creator int64
	// Func is the function holding the go statement, such as main.main
	// or sync.(*WaitGroup).Go, and Site its file:line.
	Func, Site string
	// Caller is, under GODEBUG=tracebackancestors, the first function
	// outside the standard library and golang.org/x on the creator's stack
	// at the go statement, with its file: the user's call into a library
	// that started the goroutine. Empty otherwise, or when Func is it.
	Caller string
}

// Key identifies the creation site: one line per key.
func (l Loss) Key() string { return l.Site + "|" + l.Caller }

// String returns the line ALS_DEBUG=lost prints, without the newline.
func (l Loss) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "als: context lost: %s missed in goroutine %d, started at %s (%s",
		l.Storage, l.Goroutine, filepath.Base(l.Site), friendly(l.Func))
	switch {
	case l.Caller != "":
		fmt.Fprintf(&b, ", called from %s", l.Caller)
	case l.Creator != 0 && library(l.Func):
		b.WriteString("; GODEBUG=tracebackancestors=1 names its caller")
	}
	b.WriteString(")")
	if l.Creator == 0 {
		b.WriteString(" by the runtime, which passes no context, while other goroutines hold one; use spawn.AfterFunc or als.Bind")
		return b.String()
	}
	fmt.Fprintf(&b, " by goroutine %d, which holds a context; use als.Go, als.Bind, or compiled mode", l.Creator)
	return b.String()
}

// friendly names the library function that goroutines started by Func
// were handed to, where Func is an internal helper of it.
func friendly(fn string) string {
	switch {
	case fn == "time.goFunc":
		return "time.AfterFunc"
	case strings.HasPrefix(fn, "context.(*afterFuncCtx)."):
		return "context.AfterFunc"
	}
	return fn
}

var (
	// On is tested by GetStore on a miss, and by Detach: one atomic load
	// (a plain load on amd64 and arm64), which the hit path does not pay.
	// It is set at start-up from ALS_DEBUG, and while a Watch runs.
	On atomic.Bool
	// toStderr is ALS_DEBUG=lost: losses go to stderr, once per site.
	toStderr bool

	mu       sync.Mutex
	printed  = map[string]bool{}
	watchers = map[*Watch]bool{}
)

func init() {
	toStderr = hasLost(os.Getenv("ALS_DEBUG"))
	On.Store(toStderr)
}

// hasLost reports whether a comma-separated ALS_DEBUG value has "lost".
func hasLost(v string) bool {
	for _, f := range strings.Split(v, ",") {
		if strings.TrimSpace(f) == "lost" {
			return true
		}
	}
	return false
}

// Check judges a GetStore miss of storage on the calling goroutine, and
// reports it if the goroutine holds no context while its creator holds
// one.
func Check(storage string) {
	if gls.Compiled() {
		return // go statements carry the context, and Holds cannot see it
	}
	self := gls.GoroutineID()
	if gls.Holds(self) {
		return // it has a context, which just lacks this storage (or hides it)
	}
	l, ok := parse(stack())
	if !ok {
		return // the main goroutine, or a traceback we cannot read
	}
	if l.Creator != 0 {
		if !gls.Holds(l.Creator) || inDetach(l.Goroutine, l.Creator) {
			return
		}
	} else if gls.Len() == 0 {
		return
	}
	l.Storage = storage
	report(l)
}

func report(l Loss) {
	key := l.Key()
	mu.Lock()
	defer mu.Unlock()
	if toStderr && !printed[key] {
		printed[key] = true
		fmt.Fprintln(os.Stderr, l.String())
	}
	for w := range watchers {
		if !w.seen[key] {
			w.seen[key] = true
			w.losses = append(w.losses, l)
		}
	}
}

// stack returns the calling goroutine's traceback, whole.
func stack() string {
	buf := make([]byte, 4096)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) || len(buf) >= 1<<20 {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parse reads a traceback of the form runtime.Stack prints:
//
//	goroutine 41 [running]:
//	...frames...
//	created by sync.(*WaitGroup).Go in goroutine 1
//		/usr/local/go/src/sync/waitgroup.go:238 +0x73
//	[originating from goroutine 1]:
//	sync.(*WaitGroup).Go(...)
//		/usr/local/go/src/sync/waitgroup.go:260 +0x73
//	main.main(...)
//		/tmp/x/main.go:22 +0x2f
//
// The last part is there only under GODEBUG=tracebackancestors.
func parse(tb string) (Loss, bool) {
	var l Loss
	lines := strings.Split(tb, "\n")
	if len(lines) == 0 {
		return l, false
	}
	id, ok := stacks.ID(lines[0])
	if !ok {
		return l, false
	}
	l.Goroutine = id
	i := 1
	for i < len(lines) && !strings.HasPrefix(lines[i], "created by ") {
		i++
	}
	if i+1 >= len(lines) {
		return l, false
	}
	by := strings.TrimPrefix(lines[i], "created by ")
	if fn, g, ok := strings.Cut(by, " in goroutine "); ok {
		by = fn
		l.Creator, _ = strconv.ParseInt(strings.TrimSpace(g), 10, 64)
	}
	l.Func = by
	l.Site = fileLine(lines[i+1])
	// The first ancestor, if recorded, is the creator's stack at the go
	// statement.
	for i += 2; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "[originating from goroutine ") {
			l.Caller = caller(lines[i+1:], l.Func)
			break
		}
	}
	return l, true
}

// caller returns "F in file.go" for the first frame of an ancestor stack
// whose function is not in a library, or "" when that is creator itself
// (the go statement is the user's own) or there is none.
func caller(lines []string, creator string) string {
	for j := 0; j+1 < len(lines); j += 2 {
		fn := lines[j]
		if fn == "" || strings.HasPrefix(fn, "[") {
			return ""
		}
		if k := strings.LastIndexByte(fn, '('); k > 0 && strings.HasSuffix(fn, ")") {
			fn = fn[:k]
		}
		if library(fn) {
			continue
		}
		if fn == creator {
			return ""
		}
		file, _, _ := strings.Cut(fileLine(lines[j+1]), ":")
		return fn + " in " + filepath.Base(file)
	}
	return ""
}

// fileLine returns "/path/file.go:12" from a traceback's position line.
func fileLine(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.LastIndex(s, " +0x"); k >= 0 {
		s = s[:k]
	}
	return s
}

// library reports whether fn belongs to the standard library or to
// golang.org/x: code that starts goroutines for its callers.
func library(fn string) bool {
	pkg := fn
	if k := strings.LastIndexByte(pkg, '/'); k >= 0 {
		rest := pkg[k:]
		if d := strings.IndexByte(rest, '.'); d >= 0 {
			pkg = pkg[:k+d]
		}
	} else if d := strings.IndexByte(pkg, '.'); d >= 0 {
		pkg = pkg[:d]
	}
	if strings.HasPrefix(pkg, "golang.org/x/") {
		return true
	}
	first, _, _ := strings.Cut(pkg, "/")
	return pkg != "main" && !strings.Contains(first, ".")
}

// Watch collects the losses seen while it runs, once per site.
type Watch struct {
	seen   map[string]bool
	losses []Loss
	done   bool
}

// Start turns the detector on and returns a Watch that collects every
// loss from now until Stop, whatever goroutine it happens on.
func Start() *Watch {
	w := &Watch{seen: map[string]bool{}}
	mu.Lock()
	defer mu.Unlock()
	watchers[w] = true
	On.Store(true)
	return w
}

// Stop ends w and returns its losses in the order they were seen. The
// detector stays on while other watches run, or under ALS_DEBUG=lost.
// Stopping twice returns the same losses.
func (w *Watch) Stop() []Loss {
	mu.Lock()
	defer mu.Unlock()
	if !w.done {
		w.done = true
		delete(watchers, w)
		On.Store(toStderr || len(watchers) > 0)
	}
	return w.losses
}
