package als_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als"
)

func TestOptions(t *testing.T) {
	tests := []struct {
		name     string
		opts     []als.Option[string]
		wantDef  string
		wantName string
	}{
		{"none", nil, "", "als.Storage[string]"},
		{"zero Option changes nothing", []als.Option[string]{{}}, "", "als.Storage[string]"},
		{"default", []als.Option[string]{als.WithDefault("d")}, "d", "als.Storage[string]"},
		{"name", []als.Option[string]{als.WithName[string]("reqID")}, "", "reqID"},
		{"both, and a zero Option between", []als.Option[string]{als.WithName[string]("reqID"), {}, als.WithDefault("d")}, "d", "reqID"},
		{"later wins", []als.Option[string]{als.WithDefault("a"), als.WithName[string]("x"), als.WithDefault("b"), als.WithName[string]("y")}, "b", "y"},
		{"an empty default is a default", []als.Option[string]{als.WithDefault("a"), als.WithDefault("")}, "", "als.Storage[string]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := als.New(tt.opts...)
			v, ok := s.GetStore()
			assert.False(t, ok)
			assert.Equal(t, tt.wantDef, v)
			assert.Equal(t, tt.wantName, s.String())
		})
	}
}
