package logbuf

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestConcurrentWritesKeepWholeLines(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() { //als:ignore writers hold no context
			defer wg.Done()
			for i := range 100 {
				fmt.Fprintf(&b, "{\"g\":%d,\"i\":%d}\n", g, i)
			}
		}()
	}
	wg.Wait()
	lines := b.Lines(t)
	assert.Len(t, lines, 800)
	assert.Len(t, b.Lines(t), 800, "Lines keeps what it read")
}

func TestTakeLinesEmpties(t *testing.T) {
	var b Buffer
	fmt.Fprintln(&b, `{"msg":"one"}`)
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, `{"msg":"two"}`)
	assert.Equal(t, []map[string]any{{"msg": "one"}, {"msg": "two"}}, b.TakeLines(t))
	fmt.Fprintln(&b, `{"msg":"three"}`)
	assert.Equal(t, []map[string]any{{"msg": "three"}}, b.TakeLines(t))
	assert.Empty(t, b.String())
}

// fatalT records Fatalf instead of stopping the test.
type fatalT struct {
	testing.TB
	msg string
}

func (f *fatalT) Helper() {}

func (f *fatalT) Fatalf(format string, args ...any) { f.msg = fmt.Sprintf(format, args...) }

func TestNotJSONFails(t *testing.T) {
	var b Buffer
	fmt.Fprintln(&b, `{"msg":"ok"}`)
	fmt.Fprintln(&b, `level=info msg=text`)
	f := &fatalT{TB: t}
	b.Lines(f)
	assert.Contains(t, f.msg, `line "level=info msg=text" is not a JSON object`)
}
