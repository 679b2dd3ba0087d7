// Package noals does not import als: only -all reports its go statements.
package noals

func run() {}

func noImports() {
	go run() // want "go statement"
}
