package gls

// mapEntries returns n, the number of goroutine-map entries a test expects,
// in the default mode, and 0 in compiled mode, where contexts live in
// runtime.g and the map stays empty.
func mapEntries(n int) int {
	if compiled {
		return 0
	}
	return n
}
