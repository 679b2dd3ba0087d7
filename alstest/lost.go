package alstest

import (
	"strings"

	"github.com/go-als/als/internal/lost"
)

// Loss is one hand-off that dropped a context, as the context-loss
// detector saw it: a GetStore of Storage missed in goroutine Goroutine,
// which holds no context, while goroutine Creator, which started it with
// the go statement at Site in Func, held one. Creator is 0 for a
// goroutine the runtime started for a time.AfterFunc timer. Its String
// method returns the line ALS_DEBUG=lost prints.
type Loss = lost.Loss

// CleanupT is the part of *testing.T that FailOnLoss uses.
type CleanupT interface {
	TestingT
	Cleanup(func())
}

// CatchLoss turns on the context-loss detector, which the environment
// variable ALS_DEBUG=lost turns on for a whole program, and returns stop,
// which ends the watch and returns the losses seen in the meantime, one
// per creation site. The detector watches every goroutine of the process,
// so losses in tests running in parallel are caught too. It reports
// nothing in compiled mode, where go statements carry the context.
func CatchLoss() (stop func() []Loss) {
	return lost.Start().Stop
}

// FailOnLoss catches losses, like CatchLoss, from now until the end of
// the test, and then fails t with one line per creation site if there
// were any. Call it first thing in a test:
//
//	func TestHandler(t *testing.T) {
//		alstest.FailOnLoss(t)
//		...
//	}
func FailOnLoss(t CleanupT) {
	t.Helper()
	stop := CatchLoss()
	t.Cleanup(func() {
		if ls := stop(); len(ls) > 0 {
			lines := make([]string, len(ls))
			for i, l := range ls {
				lines[i] = l.String()
			}
			t.Errorf("alstest: %d hand-off(s) lost the als context:\n%s", len(ls), strings.Join(lines, "\n"))
		}
	})
}
