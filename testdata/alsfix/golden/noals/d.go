package noals

import (
	"fmt"

	"example.com/golden/other/jobs"
)

func thirdParty() {
	fmt.Println("third party")
	go jobs.Run("nightly") // want "go statement"
}
