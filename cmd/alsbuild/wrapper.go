package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// Subcommands that take build flags and so accept -toolexec.
var buildCommands = map[string]bool{
	"build": true, "install": true, "run": true, "test": true, "vet": true, "list": true,
}

// wrapGo runs the go command with -toolexec set to this executable.
func wrapGo(goCmd string, args []string) error {
	if len(args) == 0 || !buildCommands[args[0]] {
		return runTool(goCmd, args)
	}
	self, err := selfPath()
	if err != nil {
		return err
	}
	for _, a := range args[1:] {
		if a == "-toolexec" || len(a) > 10 && a[:10] == "-toolexec=" || len(a) > 11 && a[:11] == "--toolexec=" {
			return fmt.Errorf("alsbuild: %s already sets -toolexec; use one or the other", goCmd)
		}
	}
	full := append([]string{args[0], "-toolexec=" + self}, args[1:]...)
	return runTool(goCmd, full)
}

func selfPath() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("alsbuild: cannot find own executable: %w", err)
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p, nil
}
