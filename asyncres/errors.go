package asyncres

import (
	"errors"

	"github.com/go-als/als/internal/errs"
)

// ErrInvalidType is wrapped by the panic of New when the type is empty.
var ErrInvalidType = errors.New("asyncres: invalid resource type")

// ErrAlreadyDestroyed is wrapped by the error of a second EmitDestroy.
var ErrAlreadyDestroyed = errors.New("asyncres: resource already destroyed")

// ErrNilFunc is wrapped by the panic of any function here given a nil
// function. It is the same value as als.ErrNilFunc.
var ErrNilFunc = errs.NilFunc
