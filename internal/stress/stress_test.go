package stress

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Park's goroutines exist until release, and are gone when it returns.
func TestPark(t *testing.T) {
	before := runtime.NumGoroutine()
	release := Park(50)
	assert.GreaterOrEqual(t, runtime.NumGoroutine(), before+50)
	release()
	// An ended goroutine leaves the count a moment after Done; poll here
	// rather than with assert.Eventually, whose own goroutine counts.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "a parked goroutine outlived release")
}
