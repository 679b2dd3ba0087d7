package hooks

import "errors"

// ErrNilHook is wrapped by the panic of [Hook.Enable] and [Hook.Disable]
// called on a nil *Hook.
var ErrNilHook = errors.New("hooks: nil hook")
