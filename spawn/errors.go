package spawn

import "github.com/go-als/als/internal/errs"

// ErrNilFunc is wrapped by the panic of any function here given a nil fn.
// It is the same value as als.ErrNilFunc.
var ErrNilFunc = errs.NilFunc
