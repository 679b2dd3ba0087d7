// Command probe prints which engine it was built with and whether a plain
// go statement in a third-party package carried the store: the same
// source, no build tags, two behaviours.
package main

import (
	"fmt"

	"example.com/thirdparty"
	"github.com/go-als/als"
	"github.com/go-als/als/gls"
)

func main() {
	s := als.New[string]()
	got := make(chan bool)
	s.Run("v", func() {
		thirdparty.Go(func() {
			v, ok := s.GetStore()
			got <- ok && v == "v"
		})
	})
	fmt.Printf("compiled=%v inherited=%v\n", gls.Compiled(), <-got)
}
