package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/go-als/als/alstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoTagsEachLineWithItsRequest(t *testing.T) {
	for _, n := range []int{2, 5} {
		t.Run(fmt.Sprint(n, " requests"), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, n))
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			require.Len(t, lines, 2*n+2, out.String())
			assert.Regexp(t, regexp.MustCompile(`^level=INFO msg=listening addr=127\.0\.0\.1:\d+$`), lines[0])
			assert.Equal(t, "level=INFO msg=\"all requests served\"", lines[len(lines)-1],
				"lines outside a request carry no request_id")

			const route = ` route="GET /orders/{n}"`
			var starts, finishes []string
			for _, l := range lines[1 : len(lines)-1] {
				switch {
				case strings.HasPrefix(l, "level=INFO msg=start "):
					starts = append(starts, l)
				case strings.HasPrefix(l, "level=INFO msg=finish "):
					finishes = append(finishes, l)
				default:
					t.Errorf("unexpected line %q", l)
				}
			}
			assert.Equal(t, lines[1:n+1], starts, "every request starts before any finishes")
			want := make([]string, n)
			for i := range want {
				want[i] = fmt.Sprintf("level=INFO msg=finish request_id=req-%d%s", i, route)
			}
			assert.Equal(t, want, finishes, "finish lines, logged by als.Go goroutines, carry their request's id")
			for i := 0; i < n; i++ {
				assert.Contains(t, starts, fmt.Sprintf("level=INFO msg=start request_id=req-%d%s", i, route))
			}
			alstest.VerifyNone(t) // no entry outlives the demo
		})
	}
}
