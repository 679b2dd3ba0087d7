//go:build race

package stress

// Race reports whether the binary runs under the race detector.
const Race = true
