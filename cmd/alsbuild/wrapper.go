package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Subcommands that take build flags and so accept -toolexec.
var buildCommands = map[string]bool{
	"build": true, "install": true, "run": true, "test": true, "vet": true, "list": true,
}

// wrapGo runs the go command with -toolexec set to this executable. A
// -toolexec the user already gives, on the command line or in GOFLAGS,
// is chained after alsbuild instead of being replaced: the go command
// honours only one -toolexec, so setting ours alone would drop theirs.
func wrapGo(goCmd string, args []string) error {
	if len(args) == 0 || !buildCommands[args[0]] {
		return runTool(goCmd, args)
	}
	self, err := selfPath()
	if err != nil {
		return err
	}
	rest, theirs, err := cutToolexec(args[1:])
	if err != nil {
		return err
	}
	if theirs == "" {
		if theirs, err = goflagsToolexec(goCmd); err != nil {
			return err
		}
	}
	value, err := joinQuoted([]string{self})
	if err != nil {
		return err
	}
	if theirs != "" {
		words, err := splitQuoted(theirs)
		if err != nil {
			return fmt.Errorf("%w: -toolexec=%q: %v", ErrChain, theirs, err)
		}
		for _, w := range words {
			if isSelf(w, self) {
				return fmt.Errorf("%w: -toolexec=%q already runs alsbuild; run %s directly", ErrChain, theirs, goCmd)
			}
		}
		value += " " + theirs
	}
	full := append([]string{args[0], "-toolexec=" + value}, rest...)
	return runTool(goCmd, full)
}

// cutToolexec removes the -toolexec flags from a go command's arguments
// and returns the value of the last one, which is the one the go command
// would use. Arguments after "--" belong to the program.
func cutToolexec(args []string) (rest []string, value string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(rest, args[i:]...), value, nil
		}
		name, v, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "toolexec" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return nil, "", fmt.Errorf("%w: -toolexec without a value", ErrChain)
			}
			i++
			v = args[i]
		}
		value = v
	}
	return rest, value, nil
}

// goflagsToolexec returns the -toolexec the go command would take from
// GOFLAGS, in the environment or set with go env -w.
func goflagsToolexec(goCmd string) (string, error) {
	var out bytes.Buffer
	cmd := exec.Command(goCmd, "env", "GOFLAGS")
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("alsbuild: %s env GOFLAGS: %w", goCmd, err)
	}
	flags, err := splitQuoted(strings.TrimSpace(out.String()))
	if err != nil {
		return "", fmt.Errorf("%w: GOFLAGS: %v", ErrChain, err)
	}
	_, value, err := cutToolexec(flags)
	return value, err
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
