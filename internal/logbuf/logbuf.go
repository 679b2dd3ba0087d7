// Package logbuf is a log destination for the tests of the contrib
// modules: the goroutines of the servers and loggers under test write
// into a Buffer while the test reads what they wrote, often as JSON lines.
package logbuf

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"
)

// Buffer is a bytes.Buffer that any number of goroutines may write at
// once. The zero value is ready to use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p, whole, to the buffer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Lines parses every line written so far as a JSON object, skipping
// empty lines, and fails t at the first line that is not one.
func (b *Buffer) Lines(t testing.TB) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	return JSONLines(t, b.buf.Bytes())
}

// TakeLines is Lines that also empties the buffer, so that the next call
// sees only the lines written after this one.
func (b *Buffer) TakeLines(t testing.TB) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.buf.Reset()
	return JSONLines(t, b.buf.Bytes())
}

// JSONLines parses each non-empty line of text as a JSON object, and
// fails t at the first line that is not one.
func JSONLines(t testing.TB, text []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(text, []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("logbuf: line %q is not a JSON object: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}
