package hookstest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-als/als/asyncres"
	"github.com/go-als/als/hooks/hookstest"
)

func TestStartStopsWhenTheTestEnds(t *testing.T) {
	var rec *hookstest.Recorder
	var during *asyncres.Resource
	t.Run("recording", func(t *testing.T) {
		rec = hookstest.Start(t)
		during = asyncres.New("DURING")
	})
	after := asyncres.New("AFTER")
	assert.Equal(t, []hookstest.Kind{hookstest.Init}, rec.Kinds(during.AsyncID()))
	assert.Empty(t, rec.For(after.AsyncID()), "the recorder stopped with the test that started it")
}
