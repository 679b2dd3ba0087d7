// Package errs holds the sentinel errors that several public packages
// re-export, so that [errors.Is] matches whichever package's name a caller
// uses, and the functions that wrap them with the call at fault.
package errs

import (
	"errors"
	"fmt"
)

// NilFunc is wrapped by every panic for a nil function argument. It is
// als.ErrNilFunc, asyncres.ErrNilFunc and spawn.ErrNilFunc.
var NilFunc = errors.New("als: nil function")

// NilHandler is wrapped by every panic of a wrapper given nothing to
// wrap: a nil http.Handler, slog.Handler, zapcore.Core or
// nats.MsgHandler. The contrib packages re-export it as ErrNilHandler.
var NilHandler = errors.New("als: nil handler")

// NilFuncTo returns [NilFunc] wrapped with the call, such as "als.Go",
// that got the nil function.
func NilFuncTo(call string) error {
	return fmt.Errorf("%w passed to %s", NilFunc, call)
}

// NilHandlerTo returns [NilHandler] wrapped with the call, such as
// "alshttp.Middleware", that got the nil handler.
func NilHandlerTo(call string) error {
	return fmt.Errorf("%w passed to %s", NilHandler, call)
}
