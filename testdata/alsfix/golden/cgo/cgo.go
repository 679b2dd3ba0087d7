// Package cgo imports "C": the analyzer sees the file cmd/cgo generates
// from this one, and its reports and fixes are about this file.
package cgo

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"fmt"
	"time"
)

func work(n int) { fmt.Println(n) }

func Start(x int) {
	go work(int(C.twice(C.int(x)))) // want "go statement drops the als context"
	go func() {                     // want "go statement"
		work(int(C.twice(2)))
	}()
	time.AfterFunc(time.Second, func() { work(int(C.twice(3))) }) // want "time.AfterFunc runs"
	go work(1)                                                    //als:ignore also in a cgo file
}
