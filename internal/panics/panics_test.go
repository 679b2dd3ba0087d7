package panics

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder notes whether Error failed the test instead of failing ours.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestError(t *testing.T) {
	boom := errors.New("boom")
	assert.Same(t, boom, Error(t, func() { panic(boom) }))

	for name, fn := range map[string]func(){
		"no panic":     func() {},
		"string panic": func() { panic("boom") },
	} {
		rec := &recorder{}
		assert.NoError(t, Error(rec, fn), name)
		assert.True(t, rec.failed, "%s must fail the test", name)
	}
}
