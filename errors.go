package als

import "github.com/go-als/als/internal/errs"

// ErrNilFunc is wrapped by the panic of any function here given a nil
// function. It is the same value as spawn.ErrNilFunc.
var ErrNilFunc = errs.NilFunc
