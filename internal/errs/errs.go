// Package errs holds the sentinel errors that several public packages
// re-export, so that errors.Is matches whichever package's name a caller
// uses.
package errs

import (
	"errors"
	"fmt"
)

// NilFunc is wrapped by every panic for a nil function argument.
var NilFunc = errors.New("als: nil function")

// Nil returns the error to panic with when call, such as "als.Go", got a
// nil function.
func Nil(call string) error {
	return fmt.Errorf("%w passed to %s", NilFunc, call)
}
