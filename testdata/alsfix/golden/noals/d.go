package noals

import (
	"fmt"

	"example.com/golden/other/jobs"
)

func thirdParty() {
	fmt.Println("third party")
	go jobs.Run("nightly") // want "go statement"
}

func convert(n int) {
	go jobs.Mark(n > 1) // want "go statement"
	// No fix: the copy would need a type this file cannot name.
	go jobs.Hush(n > 2) // want "go statement"
}
