package noals

import (
	"fmt"
	"os"
)

func stdlibOnly() {
	go fmt.Fprintln(os.Stderr, "std") // want "go statement"
}
