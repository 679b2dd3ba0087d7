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
	alsbuild go build|test|run|install|vet|list [flags] [packages]
`

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	var err error
	switch base := filepath.Base(args[0]); {
	case base == "go" || base == "go.exe":
		err = wrapGo(args[0], args[1:])
	case filepath.IsAbs(args[0]):
		// The go command always names the tool by its absolute path.
		err = toolexec(args[0], args[1:])
	default:
		fmt.Fprint(os.Stderr, usage)
		return 2
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
	return 2
}

// runTool runs a program with this process's standard streams.
func runTool(name string, args []string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	return cmd.Run()
}
