package taken

import "fmt"

// A local variable called als hides the name at one statement: every fix
// in the file uses als2.
func local(n int) {
	als := fmt.Sprint(n)
	go work(len(als)) // want "go statement"
}

func notShadowed() {
	go work(1) // want "go statement"
}
