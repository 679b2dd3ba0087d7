package alstest

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-als/als/gls"
	"github.com/go-als/als/internal/stacks"
)

// TestingT is the part of *testing.T that VerifyNone uses.
type TestingT interface {
	Helper()
	Errorf(format string, args ...any)
}

// Option changes what [VerifyNone] and [Find] accept. Make one with
// [IgnoreCurrent] or [MaxWait]. An Option is a plain value: the zero
// Option changes nothing, and when two set the same thing the later wins.
type Option struct {
	baseline    int
	hasBaseline bool
	wait        time.Duration
	hasWait     bool
}

// config is what the options chose.
type config struct {
	baseline int
	wait     time.Duration
}

// apply sets on c what o sets.
func (o Option) apply(c *config) {
	if o.hasBaseline {
		c.baseline = o.baseline
	}
	if o.hasWait {
		c.wait = o.wait
	}
}

// DefaultWait is how long VerifyNone waits for entries to go before it
// fails: longer than the reclaimer takes to drop the entry of a goroutine
// that ended without leaving its scopes.
const DefaultWait = 5 * time.Second

// IgnoreCurrent accepts as many holders as there are when it is called.
// Called in the defer statement, as in
// defer alstest.VerifyNone(t, alstest.IgnoreCurrent()), it runs at the
// start of the test, so that entries of goroutines that started before
// the test (and that the test must not wait for) are not counted.
func IgnoreCurrent() Option {
	return Option{baseline: holders(), hasBaseline: true}
}

// MaxWait sets how long [VerifyNone] waits for holders to finish before
// it fails; [DefaultWait] otherwise.
func MaxWait(d time.Duration) Option {
	return Option{wait: d, hasWait: true}
}

// VerifyNone fails t unless, within the wait, no goroutine holds an als
// context entry (or no more than IgnoreCurrent saw). The calling
// goroutine counts too, so call it outside any Run: deferred at the start
// of a test, or at its end.
func VerifyNone(t TestingT, opts ...Option) {
	t.Helper()
	if err := Find(opts...); err != nil {
		t.Errorf("%v", err)
	}
}

// Find is VerifyNone for code that wants the failure as an error, such as
// a TestMain: it returns nil once no goroutine holds an entry (or no more than IgnoreCurrent saw), and an error describing the
// holders if they are still there when the wait ends.
func Find(opts ...Option) error {
	c := config{wait: DefaultWait}
	for _, o := range opts {
		o.apply(&c)
	}
	deadline := time.Now().Add(c.wait)
	for pause := 100 * time.Microsecond; ; pause = min(2*pause, 20*time.Millisecond) {
		n := holders()
		if n <= c.baseline {
			return nil
		}
		if time.Now().After(deadline) {
			self := ""
			if gls.Current() != nil {
				self = " The calling goroutine is one of them."
			}
			return fmt.Errorf("alstest: %d goroutine(s) still hold an als context after %v (want at most %d): "+
				"a Run scope still open, an als.Go child still running, or a goroutine that called EnterWith.%s "+
				"Other goroutines running now:\n\n%s", n, c.wait, c.baseline, self, others())
		}
		time.Sleep(pause)
	}
}

// holders counts the goroutines that hold an entry, the caller included:
// a test goroutine that still holds one after its scopes ended (a Run
// that did not restore, an EnterWith) leaks too.
func holders() int { return gls.Len() }

// framework marks the stacks of goroutines that belong to the testing
// package or the runtime, which never hold a user's context.
var framework = []string{
	"testing.(*T).Run(",
	"testing.runTests(",
	"testing.(*M).Run(",
	"gls.sweeper(",
	"os/signal.signal_recv(",
	"runtime.ensureSigM(",
}

// scopes are the packages whose frames on a stack mean the goroutine is
// inside an als scope: a Run, a RunContext, an als.Go child, a resource.
var scopes = []string{
	"github.com/go-als/als.",
	"github.com/go-als/als/spawn.",
	"github.com/go-als/als/asyncres.",
}

// others returns the stacks of the goroutines running now, except the
// caller's and the framework's: those that hold an entry (gls.Holders)
// first, then those inside an als scope, then the rest.
func others() string {
	held := make(map[int64]bool)
	for _, id := range gls.Holders() {
		held[id] = true
	}
	var holding, inside, out []string
	first := true
	for id, s := range stacks.Each(stacks.All()) {
		if first { // the caller's
			first = false
			continue
		}
		str := string(s)
		switch {
		case held[id]:
			holding = append(holding, "holds an entry: "+str)
		case containsAny(str, framework):
		case containsAny(str, scopes):
			inside = append(inside, str) // in an als scope now: likely holders
		default:
			out = append(out, str)
		}
	}
	out = append(append(holding, inside...), out...)
	if len(out) == 0 {
		return "(none: the holders ended and await the reclaimer)"
	}
	return strings.Join(out, "\n\n")
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
