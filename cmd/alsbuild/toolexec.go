package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-als/als/cmd/alsbuild/internal/patch"
)

// glsPath is the import path of the package whose runtime-field file is
// replaced in compiled mode.
const glsPath = "github.com/go-als/als/gls"

// toolexec runs one tool invocation from the go command, rewriting the
// compiles of runtime, time and gls and passing everything else through.
func toolexec(tool string, args []string) error {
	name := strings.TrimSuffix(filepath.Base(tool), ".exe")
	if name != "compile" {
		return runTool(tool, args)
	}
	if len(args) == 1 && args[0] == "-V=full" {
		return versionFull(tool, args)
	}
	orig := args
	args, err := expandResponseFiles(args)
	if err != nil {
		return err
	}
	pkg, std := compileTarget(args)
	var fix func(dir string) (patch.Result, error)
	switch {
	case std && pkg == "runtime":
		fix = func(dir string) (patch.Result, error) {
			minor, release, err := goVersion(dir)
			if err != nil {
				return patch.Result{}, err
			}
			return patch.Runtime(minor, release, reader(dir))
		}
	case std && pkg == "time":
		fix = func(dir string) (patch.Result, error) {
			minor, release, err := goVersion(dir)
			if err != nil {
				return patch.Result{}, err
			}
			return patch.Time(minor, release, reader(dir))
		}
	case pkg == glsPath:
		fix = func(dir string) (patch.Result, error) { return patch.GLS(reader(dir)) }
	default:
		return runTool(tool, orig)
	}
	return compilePatched(tool, args, pkg, fix)
}

// compileTarget returns the -p package path and whether -std is set.
func compileTarget(args []string) (pkg string, std bool) {
	for i, a := range args {
		switch {
		case a == "-p" && i+1 < len(args):
			pkg = args[i+1]
		case strings.HasPrefix(a, "-p="):
			pkg = a[len("-p="):]
		case a == "-std":
			std = true
		}
	}
	return pkg, std
}

// sourceFiles returns the indexes of the trailing .go file arguments: the
// go command puts the package's files after all flags.
func sourceFiles(args []string) []int {
	var idx []int
	for i := len(args) - 1; i >= 0; i-- {
		a := args[i]
		if strings.HasPrefix(a, "-") || !strings.HasSuffix(a, ".go") {
			break
		}
		idx = append(idx, i)
	}
	return idx
}

// compilePatched rewrites the compile command so that files named in the
// patch result are replaced by patched copies in a temporary directory and
// added files join the package, then runs it. -trimpath maps the temporary
// directory back to the package directory, so positions in the binary
// (tracebacks, DWARF) name the original files, at the original lines.
func compilePatched(tool string, args []string, pkg string, fix func(dir string) (patch.Result, error)) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	files := sourceFiles(args)
	if len(files) == 0 {
		return fmt.Errorf("alsbuild: compile of %s has no Go files", pkg)
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(cwd, p)
	}
	dir := filepath.Dir(abs(args[files[0]]))

	res, err := fix(dir)
	if err != nil {
		return fmt.Errorf("alsbuild: %s: %w", pkg, err)
	}
	tmp, err := os.MkdirTemp("", "alsbuild-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	out := append([]string(nil), args...)
	replaced := map[string]bool{}
	for _, i := range files {
		p := abs(args[i])
		content, ok := res.Replace[filepath.Base(p)]
		if !ok || filepath.Dir(p) != dir {
			continue
		}
		np := filepath.Join(tmp, filepath.Base(p))
		if err := os.WriteFile(np, content, 0o644); err != nil {
			return err
		}
		out[i] = np
		replaced[filepath.Base(p)] = true
	}
	for name := range res.Replace {
		if !replaced[name] {
			return fmt.Errorf("alsbuild: %s: file %s is not part of this compile (build tags or an unknown layout)", pkg, name)
		}
	}
	for name, content := range res.Add {
		np := filepath.Join(tmp, name)
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("alsbuild: %s already has a file %s", pkg, name)
		}
		if err := os.WriteFile(np, content, 0o644); err != nil {
			return err
		}
		out = append(out, np)
	}
	out = mapTrimpath(out, tmp, dir)
	if n := argLen(out); n > maxArgLen {
		rf, err := writeResponseFile(tmp, out)
		if err != nil {
			return err
		}
		out = []string{"@" + rf}
	}
	return runTool(tool, out)
}

// mapTrimpath makes the compiler record files in tmp under the name the
// same files would have had in dir, honouring the go command's own
// -trimpath rewrites.
func mapTrimpath(args []string, tmp, dir string) []string {
	for i, a := range args {
		var old string
		switch {
		case a == "-trimpath" && i+1 < len(args):
			old = args[i+1]
			args[i+1] = tmp + "=>" + rewritePath(dir, old) + ";" + old
			return args
		case strings.HasPrefix(a, "-trimpath="):
			old = a[len("-trimpath="):]
			args[i] = "-trimpath=" + tmp + "=>" + rewritePath(dir, old) + ";" + old
			return args
		}
	}
	// Flags must precede the files; insert before the first argument.
	return append([]string{"-trimpath", tmp + "=>" + dir}, args...)
}

// rewritePath applies the compiler's -trimpath rewrites (first match wins)
// to path, as cmd/internal/objabi does.
func rewritePath(path, rewrites string) string {
	for _, r := range strings.Split(rewrites, ";") {
		from, to := r, ""
		if j := strings.LastIndex(r, "=>"); j >= 0 {
			from, to = r[:j], r[j+2:]
		}
		if from == "" {
			continue
		}
		switch {
		case path == from:
			return to
		case strings.HasPrefix(path, from) && (os.IsPathSeparator(path[len(from)]) || os.IsPathSeparator(from[len(from)-1])):
			rest := strings.TrimLeft(path[len(from):], string(filepath.Separator)+"/")
			if to == "" {
				return rest
			}
			return to + "/" + rest
		}
	}
	return path
}

func reader(dir string) patch.Reader {
	return func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
}

var goversionRE = regexp.MustCompile(`(?m)^const Version = (\d+)\s*$`)

// goVersion reports the Go minor version of the standard library whose
// package lives in dir ($GOROOT/src/<pkg>), from internal/goversion, which
// every release and development tree carries, and the release name from
// $GOROOT/VERSION when there is one.
func goVersion(dir string) (int, string, error) {
	src := filepath.Dir(dir)
	b, err := os.ReadFile(filepath.Join(src, "internal", "goversion", "goversion.go"))
	if err != nil {
		return 0, "", fmt.Errorf("cannot determine the Go version of %s: %w", src, err)
	}
	m := goversionRE.FindSubmatch(b)
	if m == nil {
		return 0, "", fmt.Errorf("cannot determine the Go version of %s: no Version in internal/goversion", src)
	}
	minor, _ := strconv.Atoi(string(m[1]))
	release := ""
	if v, err := os.ReadFile(filepath.Join(filepath.Dir(src), "VERSION")); err == nil {
		release, _, _ = strings.Cut(string(v), "\n")
	}
	return minor, strings.TrimSpace(release), nil
}
