package als

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStorageNames(t *testing.T) {
	type request struct{}
	tests := []struct {
		name string
		s    interface {
			String() string
			keyName() string
			Disable()
		}
		want string
	}{
		{"named", New(WithName[string]("request_id")), "request_id"},
		{"named with a default", New(WithDefault(3), WithName[int]("retries")), "retries"},
		{"unnamed", New[int](), "als.Storage[int]"},
		{"unnamed struct pointer", New[*request](), "als.Storage[*als.request]"},
		{"last name wins", New(WithName[int]("a"), WithName[int]("b")), "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.s.String())
			assert.Equal(t, tt.want, tt.s.keyName(), "the engine's key carries the name")
			tt.s.Disable()
			assert.Equal(t, tt.want, tt.s.keyName(), "and the key Disable swaps in too")
		})
	}
}

func (s *Storage[T]) keyName() string { return s.key.Load().String() }
