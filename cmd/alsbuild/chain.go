package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A -toolexec value may name several programs, each running the next:
// with -toolexec="alsbuild otelc", the go command runs
// "alsbuild otelc /goroot/pkg/tool/linux_amd64/compile args...". alsbuild
// then patches the compile's arguments and hands them to the rest of the
// chain, which ends by running the Go tool.

// ErrNoTool reports an alsbuild invocation with no Go tool among its
// arguments, so there is nothing alsbuild could patch or chain to.
var ErrNoTool = errors.New("alsbuild: no Go tool among the arguments")

// ErrChain reports a -toolexec chain alsbuild cannot take part in safely.
var ErrChain = errors.New("alsbuild: cannot chain")

// chain is the programs (with their own arguments) that run after alsbuild
// and before the Go tool. It is empty when alsbuild runs the tool itself.
type chain []string

// command returns the program and arguments that run tool with args
// through the chain.
func (c chain) command(tool string, args []string) (string, []string) {
	if len(c) == 0 {
		return tool, args
	}
	full := make([]string, 0, len(c)-1+1+len(args))
	full = append(full, c[1:]...)
	full = append(full, tool)
	full = append(full, args...)
	return c[0], full
}

// run runs tool with args through the chain, with this process's
// standard streams.
func (c chain) run(tool string, args []string) error {
	name, full := c.command(tool, args)
	return runTool(name, full)
}

// String names the chain for messages.
func (c chain) String() string {
	s, err := joinQuoted(c)
	if err != nil {
		return strings.Join(c, " ")
	}
	return s
}

// splitInvocation finds the Go tool in alsbuild's arguments: everything
// before it is the rest of the chain, everything after it the tool's
// arguments.
func splitInvocation(args []string) (chain, string, []string, error) {
	for i, a := range args {
		if isGoTool(a) {
			return chain(args[:i]), a, args[i+1:], nil
		}
	}
	dir := os.Getenv("GOTOOLDIR")
	if dir == "" {
		dir = "$GOTOOLDIR, unset"
	}
	return nil, "", nil, fmt.Errorf("%w (%s): %q. alsbuild runs as go build -toolexec=alsbuild, "+
		"as go build -toolexec=\"alsbuild next-tool\", or as alsbuild go build", ErrNoTool, dir, args)
}

// isGoTool reports whether p is a program of the Go distribution as the go
// command names it for -toolexec: an absolute path in $GOTOOLDIR, which
// the go command sets for the programs it runs, or, without it, in a
// pkg/tool/<platform> directory.
func isGoTool(p string) bool {
	if !filepath.IsAbs(p) {
		return false
	}
	dir := filepath.Dir(p)
	if td := os.Getenv("GOTOOLDIR"); td != "" {
		return dir == filepath.Clean(td)
	}
	return filepath.Base(filepath.Dir(dir)) == "tool" && filepath.Base(filepath.Dir(filepath.Dir(dir))) == "pkg"
}

// checkChain refuses a chain in which alsbuild appears again: the second
// copy would find the runtime already patched.
func checkChain(c chain) error {
	self, err := selfPath()
	if err != nil {
		return err
	}
	for _, w := range c {
		if isSelf(w, self) {
			return fmt.Errorf("%w: alsbuild appears twice in the -toolexec chain (%s); name it once", ErrChain, c)
		}
	}
	return nil
}

// isSelf reports whether the program name w, looked up as exec does,
// is this executable.
func isSelf(w, self string) bool {
	if strings.HasPrefix(w, "-") {
		return false
	}
	p, err := exec.LookPath(w)
	if err != nil {
		return false
	}
	if p, err = filepath.Abs(p); err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p == self
}

// splitQuoted splits a -toolexec value or GOFLAGS into words as the go
// command does: separated by spaces, a word may be enclosed in single or
// double quotes, with no escapes inside.
func splitQuoted(s string) ([]string, error) {
	var words []string
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return words, nil
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fmt.Errorf("unterminated %c string", q)
			}
			words = append(words, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\r\n")
		if end < 0 {
			end = len(s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
}

// joinQuoted is the inverse of splitQuoted.
func joinQuoted(words []string) (string, error) {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case w != "" && !strings.ContainsAny(w, " \t\r\n'\""):
			b.WriteString(w)
		case !strings.Contains(w, "'"):
			b.WriteString("'" + w + "'")
		case !strings.Contains(w, `"`):
			b.WriteString(`"` + w + `"`)
		default:
			return "", fmt.Errorf("%q contains both kinds of quote and cannot be passed in -toolexec", w)
		}
	}
	return b.String(), nil
}
