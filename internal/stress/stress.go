// Package stress sizes the concurrency stress tests: how long each case
// runs and how many goroutines it may start. make test runs them short;
// make stress sets ALS_STRESS to run each case for minutes.
package stress

import (
	"os"
	"sync"
	"time"
)

// Short is how long a case runs when ALS_STRESS is unset.
const Short = time.Second

// Duration returns how long each stress case runs: ALS_STRESS parsed as a
// time.Duration ("90s", "2m"), or Short. A malformed value panics, so a
// typo in make stress cannot quietly shorten the run.
func Duration() time.Duration {
	v := os.Getenv("ALS_STRESS")
	if v == "" {
		return Short
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		panic("stress: ALS_STRESS must be a positive duration such as 90s, got " + v)
	}
	return d
}

// Long reports whether ALS_STRESS asked for a long run.
func Long() bool { return Duration() > Short }

// Goroutines caps n at what the race detector allows: it aborts a
// program with more than 8128 live goroutines.
func Goroutines(n int) int {
	if Race && n > 3000 {
		return 3000
	}
	return n
}

// Park starts n goroutines that hold no context and block until release
// is called; release waits for them to end. A case runs among them so
// that the table and the reclaimer see a crowd, not a handful.
func Park(n int) (release func()) {
	park := make(chan struct{})
	var parked sync.WaitGroup
	for range n {
		parked.Add(1)
		go func() { //als:ignore parked goroutines hold no context
			defer parked.Done()
			<-park
		}()
	}
	return func() {
		close(park)
		parked.Wait()
	}
}
