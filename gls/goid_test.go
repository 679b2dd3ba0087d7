package gls

import (
	"sync/atomic"
	"testing"

	"github.com/petermattis/goid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckGoid(t *testing.T) {
	var n atomic.Int64
	tests := []struct {
		name    string
		reader  func() int64
		wantErr bool
	}{
		{"petermattis/goid", goid.Get, false},
		{"runtime.Stack", stackGoid, false},
		{"constant", func() int64 { return 2 }, true}, // "goid always 2 on go1.24.5"
		{"off by one", func() int64 { return stackGoid() + 1 }, true},
		{"counter", func() int64 { return n.Add(1) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkGoid(tt.reader)
			if tt.wantErr {
				require.ErrorIs(t, err, ErrGoidMismatch)
				return
			}
			require.NoError(t, err)
		})
	}
}

func TestFastGoidTrustedHere(t *testing.T) {
	// On the platforms CI runs, the fast reader must pass its own check;
	// if this fails, every lookup has silently become a runtime.Stack call.
	assert.True(t, FastGoid())
	assert.Equal(t, stackGoid(), curGoid())
}
