package noals

import "fmt"

func singleImport() {
	go fmt.Println("single") // want "go statement"
}
