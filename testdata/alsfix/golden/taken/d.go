package taken

import "github.com/go-als/als"

var other = als.New[string]()

// The file imports als, but a parameter hides it at the statement.
func parameter(als int) {
	go work(als) // want "go statement"
}
