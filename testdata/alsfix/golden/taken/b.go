package taken

import als "example.com/golden/other/als"

// Another import called als: the fix imports github.com/go-als/als as als2.
func otherImport(n int) {
	als.Track("start")
	go work(n) // want "go statement"
}
