// Command standin is a -toolexec program for alsbuild's tests that stands
// in for tools such as Orchestrion or otelc: it logs each tool it is asked
// to run and runs it, possibly through further programs, after the same
// kinds of rewriting such tools do.
//
//	go build -toolexec="standin alsbuild" ...   # standin first
//	go build -toolexec="alsbuild standin" ...   # standin after alsbuild
//
// STANDIN_LOG names the file it appends one line per run to:
// "<mode> <tool> <package> <files>", where files counts the compile's Go
// files. STANDIN_MODE chooses what it does to a compile:
//
//	pass     runs it as given
//	copy     copies every Go file into a directory of its own first, as
//	         tools that instrument sources do
//	bypass-<pkg>  compiles package pkg by running the Go tool itself,
//	         skipping the programs after it in the chain: another broken
//	         tool, which alsbuild must catch when it links
//	restore-<pkg>  compiles the standard library's own files of package
//	         pkg instead of the ones it is given: a broken tool, which
//	         alsbuild must catch
//
// It adds "standin-<mode>" to the compiler's -V=full answer, as a real
// tool adds its identity, so the build cache keeps each mode apart.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: standin program [args]")
		os.Exit(2)
	}
	mode := os.Getenv("STANDIN_MODE")
	if mode == "" {
		mode = "pass"
	}
	args := os.Args[1:]
	tool := goTool(args)
	if tool >= 0 && strings.TrimSuffix(filepath.Base(args[tool]), ".exe") == "compile" {
		if len(args) == tool+2 && args[tool+1] == "-V=full" {
			logRun(mode, args)
			os.Exit(versionFull(args, mode))
		}
		var (
			tmp string
			err error
		)
		if args, tmp, err = rewrite(args, mode); err != nil {
			fmt.Fprintln(os.Stderr, "standin:", err)
			os.Exit(2)
		}
		logRun(mode, args)
		code := run(args, nil)
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		os.Exit(code)
	}
	logRun(mode, args)
	os.Exit(run(args, nil))
}

// goTool returns the index of the Go tool in args, or -1.
func goTool(args []string) int {
	dir := filepath.Clean(os.Getenv("GOTOOLDIR"))
	for i, a := range args {
		if filepath.IsAbs(a) && filepath.Dir(a) == dir {
			return i
		}
	}
	return -1
}

func run(args []string, stdout *bytes.Buffer) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if stdout != nil {
		cmd.Stdout = stdout
	}
	if err := cmd.Run(); err != nil {
		if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() > 0 {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "standin:", err)
		return 2
	}
	return 0
}

func versionFull(args []string, mode string) int {
	var out bytes.Buffer
	if code := run(args, &out); code != 0 {
		return code
	}
	fmt.Println(strings.TrimRight(out.String(), "\n") + " standin-" + mode)
	return 0
}

// compiledPackage returns the -p argument of a compile.
func compiledPackage(args []string) string {
	for i, a := range args {
		if a == "-p" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// goFiles returns the indexes of the compile's trailing Go files.
func goFiles(args []string) []int {
	var idx []int
	for i := len(args) - 1; i >= 0 && strings.HasSuffix(args[i], ".go") && !strings.HasPrefix(args[i], "-"); i-- {
		idx = append(idx, i)
	}
	return idx
}

// rewrite returns the compile's arguments after the mode's rewriting and
// the directory of copies to remove after the compile, if any.
func rewrite(args []string, mode string) ([]string, string, error) {
	args = append([]string(nil), args...)
	switch mode {
	case "pass":
	case "copy":
		dir, err := os.MkdirTemp("", "standin-")
		if err != nil {
			return nil, "", err
		}
		for _, i := range goFiles(args) {
			b, err := os.ReadFile(args[i])
			if err != nil {
				return nil, dir, err
			}
			np := filepath.Join(dir, filepath.Base(args[i]))
			if err := os.WriteFile(np, b, 0o644); err != nil {
				return nil, dir, err
			}
			args[i] = np
		}
		return args, dir, nil
	default:
		if only, ok := strings.CutPrefix(mode, "bypass-"); ok {
			if tool := goTool(args); tool >= 0 && compiledPackage(args) == only {
				args = args[tool:]
			}
			return args, "", nil
		}
		only, ok := strings.CutPrefix(mode, "restore-")
		if !ok {
			return nil, "", fmt.Errorf("unknown STANDIN_MODE %q", mode)
		}
		pkg, std := compiledPackage(args), false
		for _, a := range args {
			std = std || a == "-std"
		}
		if !std || pkg != only {
			return args, "", nil
		}
		src := filepath.Join(os.Getenv("GOROOT"), "src", pkg)
		var keep []string
		files := goFiles(args)
		for _, i := range files {
			p := filepath.Join(src, filepath.Base(args[i]))
			if _, err := os.Stat(p); err == nil {
				keep = append(keep, p)
			}
		}
		args = append(args[:len(args)-len(files)], keep...)
	}
	return args, "", nil
}

func logRun(mode string, args []string) {
	tool := goTool(args)
	name, pkg := "-", "-"
	if tool >= 0 {
		name = strings.TrimSuffix(filepath.Base(args[tool]), ".exe")
		for i, a := range args[tool:] {
			if a == "-p" && tool+i+1 < len(args) {
				pkg = args[tool+i+1]
			}
		}
	}
	// patched says whether alsbuild ran before: its patched copies are
	// in a directory named alsbuild-*.
	patched := false
	for _, i := range goFiles(args) {
		patched = patched || strings.Contains(args[i], string(filepath.Separator)+"alsbuild-")
	}
	line := fmt.Sprintf("%s %s %s files=%d patched=%v\n", mode, name, pkg, len(goFiles(args)), patched)
	f, err := os.OpenFile(os.Getenv("STANDIN_LOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "standin:", err)
		os.Exit(2)
	}
	// One write per line: O_APPEND keeps concurrent runs' lines whole.
	_, _ = f.WriteString(line)
	_ = f.Close()
}
