//go:build race

package benchmarks

// raceEnabled caps goroutine populations: the race detector allows at most
// 8128 live goroutines.
const raceEnabled = true
