package main

import (
	"os"
	"path/filepath"
	"strings"
)

// maxArgLen is the command-line length above which the go command itself
// switches to a response file (cmd/internal/sys.ExecArgLengthLimit).
const maxArgLen = 30 << 10

func argLen(args []string) int {
	n := 0
	for _, a := range args {
		n += len(a) + 1
	}
	return n
}

// writeResponseFile stores args in dir in the compiler's response-file
// format and returns its path.
func writeResponseFile(dir string, args []string) (string, error) {
	var b strings.Builder
	for _, a := range args {
		a = strings.ReplaceAll(a, `\`, `\\`)
		a = strings.ReplaceAll(a, "\n", `\n`)
		b.WriteString(a)
		b.WriteByte('\n')
	}
	p := filepath.Join(dir, "args.rsp")
	return p, os.WriteFile(p, []byte(b.String()), 0o644)
}

// expandResponseFiles replaces "@file" arguments by the arguments the file
// holds, one per line, decoded as the go command encodes them (a
// backslash-escaped backslash or newline). The go command uses response
// files when a command line would be too long.
func expandResponseFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.HasPrefix(a, "@") {
			out = append(out, a)
			continue
		}
		b, err := os.ReadFile(a[1:])
		if err != nil {
			return nil, err
		}
		s := strings.TrimSuffix(string(b), "\n")
		if s == "" {
			continue
		}
		for _, line := range strings.Split(s, "\n") {
			out = append(out, decodeArg(line))
		}
	}
	return out, nil
}

func decodeArg(arg string) string {
	if !strings.Contains(arg, `\`) {
		return arg
	}
	var b strings.Builder
	for i := 0; i < len(arg); i++ {
		if arg[i] == '\\' && i+1 < len(arg) {
			switch arg[i+1] {
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(arg[i])
	}
	return b.String()
}
