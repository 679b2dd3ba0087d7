package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

const usage = `usage:
	go build -toolexec=alsbuild [build flags] [packages]
	go build -toolexec="alsbuild next-tool [its flags]" [build flags] [packages]
	alsbuild go build|test|run|install|vet|list [flags] [packages]
`

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	var err error
	if base := filepath.Base(args[0]); base == "go" || base == "go.exe" {
		err = wrapGo(args[0], args[1:])
	} else {
		err = toolexecArgs(args)
	}
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		// The tool has said what went wrong on its own stderr.
		if code := exit.ExitCode(); code > 0 {
			return code
		}
		return 1
	}
	fmt.Fprintln(os.Stderr, err)
	if errors.Is(err, ErrNoTool) {
		fmt.Fprint(os.Stderr, usage)
	}
	return 2
}

// toolexecArgs runs alsbuild as a -toolexec program: the go command names
// the tool by its absolute path, possibly after the rest of a chain.
func toolexecArgs(args []string) error {
	next, tool, targs, err := splitInvocation(args)
	if err != nil {
		return err
	}
	if len(next) > 0 {
		if err := checkChain(next); err != nil {
			return err
		}
	}
	return toolexec(next, tool, targs)
}

// runTool runs a program with this process's standard streams.
func runTool(name string, args []string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	return cmd.Run()
}
