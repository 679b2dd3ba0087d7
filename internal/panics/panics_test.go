package panics

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRecover(t *testing.T) {
	boom := errors.New("boom")
	assert.Same(t, boom, Recover(func() { panic(boom) }))
	assert.Nil(t, Recover(func() {}))
}
