package stacks

import "runtime"

func runtimeStackSelf(b []byte) int { return runtime.Stack(b, false) }
