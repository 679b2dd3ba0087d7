package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/go-als/als/gls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoTagsEachLineWithItsRequest(t *testing.T) {
	for _, n := range []int{2, 5} {
		var out bytes.Buffer
		before := gls.Len()
		require.NoError(t, run(&out, n))
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		require.Len(t, lines, 2*n+2)
		assert.Regexp(t, regexp.MustCompile(`^-: listening on 127\.0\.0\.1:\d+$`), lines[0])
		assert.Equal(t, "-: all requests served", lines[len(lines)-1])
		var starts, finishes []string
		for _, l := range lines[1 : len(lines)-1] {
			switch {
			case strings.HasSuffix(l, ": start"):
				starts = append(starts, l)
			case strings.HasSuffix(l, ": finish"):
				finishes = append(finishes, l)
			}
		}
		require.Len(t, starts, n)
		require.Len(t, finishes, n)
		for i, l := range finishes {
			assert.Equal(t, string(rune('0'+i))+": finish", l, "finishes come in id order, each with its id")
		}
		assert.Equal(t, strings.Join(lines[1:n+1], "\n"), strings.Join(starts, "\n"), "all start before any finishes")
		assert.Eventually(t, func() bool { return gls.Len() == before }, 5e9, 1e6, "no entry outlives the demo")
	}
}
