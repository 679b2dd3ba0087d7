package main

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-als/als/cmd/alsbuild/internal/patch"
)

// glsPath is the import path of the package whose runtime-field file is
// replaced in compiled mode.
const glsPath = "github.com/go-als/als/gls"

// toolexec runs one tool invocation from the go command through the rest
// of the chain, rewriting the compiles of runtime, time and gls and passing
// everything else through.
func toolexec(next chain, tool string, args []string) error {
	name := strings.TrimSuffix(filepath.Base(tool), ".exe")
	if name == "link" {
		if err := checkLink(args); err != nil {
			return err
		}
	}
	if name != "compile" {
		return next.run(tool, args)
	}
	if len(args) == 1 && args[0] == "-V=full" {
		return versionFull(next, tool, args)
	}
	orig := args
	args, err := expandResponseFiles(args)
	if err != nil {
		return err
	}
	pkg, std := compileTarget(args)
	var fix func(src sources) (patch.Result, error)
	switch {
	case std && pkg == "runtime":
		fix = forRelease(patch.Runtime)
	case std && pkg == "time":
		fix = forRelease(patch.Time)
	case pkg == glsPath:
		fix = func(src sources) (patch.Result, error) { return patch.GLS(src.read) }
	default:
		return next.run(tool, orig)
	}
	return compilePatched(next, tool, args, pkg, fix)
}

// forRelease adapts a patch of the standard library, which differs from
// one Go release to the next, to the sources of a compile: it is given
// the release those sources belong to.
func forRelease(p func(minor int, release string, read patch.Reader) (patch.Result, error)) func(sources) (patch.Result, error) {
	return func(src sources) (patch.Result, error) {
		minor, release, err := src.goVersion()
		if err != nil {
			return patch.Result{}, err
		}
		return p(minor, release, src.read)
	}
}

// compileTarget returns the -p package path and whether -std is set.
func compileTarget(args []string) (pkg string, std bool) {
	return flagValue(args, "p"), slices.Contains(args, "-std")
}

// flagValue returns the value of the tool's flag -name, given as "-name
// value" or "-name=value", or "" when it is not given. As with package
// flag, the last one given wins.
func flagValue(args []string, name string) string {
	var v string
	for i, a := range args {
		switch {
		case a == "-"+name && i+1 < len(args):
			v = args[i+1]
		case strings.HasPrefix(a, "-"+name+"="):
			v = a[len("-"+name+"="):]
		}
	}
	return v
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

// sources are the Go files of one compile, by base name, as the compile
// command names them. A tool earlier in the chain may have replaced some
// with rewritten copies elsewhere; alsbuild patches what the compiler
// would otherwise have compiled.
type sources struct {
	files map[string]string // base name -> path
	index map[string]int    // base name -> argument index
}

func compileSources(args []string) (sources, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return sources{}, err
	}
	src := sources{files: map[string]string{}, index: map[string]int{}}
	for _, i := range sourceFiles(args) {
		p := args[i]
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		base := filepath.Base(p)
		if other, dup := src.files[base]; dup {
			return sources{}, fmt.Errorf("alsbuild: compile names two files called %s: %s and %s", base, other, p)
		}
		src.files[base], src.index[base] = p, i
	}
	return src, nil
}

func (s sources) read(name string) ([]byte, error) {
	p, ok := s.files[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s is not part of this compile (build tags or an unknown layout)", patch.ErrAnchor, name)
	}
	return os.ReadFile(p)
}

// goVersion reports the Go version of the standard library being compiled:
// that of the GOROOT the files come from, or, when a tool earlier in the
// chain moved them, of the GOROOT the go command runs with.
func (s sources) goVersion() (int, string, error) {
	var roots []string
	for _, p := range s.files {
		roots = append(roots, filepath.Dir(filepath.Dir(p)))
		break
	}
	if g := os.Getenv("GOROOT"); g != "" {
		roots = append(roots, filepath.Join(g, "src"))
	}
	var first error
	for _, src := range roots {
		minor, release, err := goVersion(src)
		if err == nil {
			return minor, release, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = errors.New("cannot determine the Go version: no source files and no GOROOT")
	}
	return 0, "", first
}

// compilePatched rewrites the compile command so that files named in the
// patch result are replaced by patched copies in a temporary directory and
// added files join the package, then runs it through the chain and checks
// that the compiler's output is the patched package. -trimpath maps the
// temporary directory back to each file's directory, so positions in the
// binary (tracebacks, DWARF) name the original files, at the original lines.
func compilePatched(next chain, tool string, args []string, pkg string, fix func(sources) (patch.Result, error)) error {
	src, err := compileSources(args)
	if err != nil {
		return err
	}
	if len(src.files) == 0 {
		return fmt.Errorf("alsbuild: compile of %s has no Go files", pkg)
	}
	res, err := fix(src)
	if err != nil {
		return fmt.Errorf("alsbuild: %s: %w", pkg, err)
	}
	tmp, err := os.MkdirTemp("", "alsbuild-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Each patched file goes to a directory of its own for the
	// directory it came from, so that -trimpath can map it back; files
	// alsbuild adds are recorded in the directory of the package's last
	// file, which is where the go command found it unless a tool earlier
	// in the chain moved it.
	home := filepath.Dir(src.files[filepath.Base(args[sourceFiles(args)[0]])])
	var trims []trimMap
	tmpFor := func(dir string) (string, error) {
		for _, m := range trims {
			if m.dir == dir {
				return m.tmp, nil
			}
		}
		t := filepath.Join(tmp, fmt.Sprint(len(trims)))
		trims = append(trims, trimMap{tmp: t, dir: dir})
		return t, os.Mkdir(t, 0o755)
	}
	write := func(dir, name string, content []byte) (string, error) {
		t, err := tmpFor(dir)
		if err != nil {
			return "", err
		}
		np := filepath.Join(t, name)
		return np, os.WriteFile(np, content, 0o644)
	}
	out := append([]string(nil), args...)
	// In name order, so the same compile always gets the same arguments.
	for _, name := range slices.Sorted(maps.Keys(res.Replace)) {
		content := res.Replace[name]
		i, ok := src.index[name]
		if !ok {
			return fmt.Errorf("alsbuild: %s: file %s is not part of this compile (build tags or an unknown layout)", pkg, name)
		}
		if out[i], err = write(filepath.Dir(src.files[name]), name, content); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(res.Add)) {
		content := res.Add[name]
		if _, clash := src.files[name]; clash {
			return fmt.Errorf("alsbuild: %s already has a file %s", pkg, name)
		}
		np, err := write(home, name, content)
		if err != nil {
			return err
		}
		out = append(out, np)
	}
	out = mapTrimpath(out, trims)
	if n := argLen(out); n > maxArgLen {
		rf, err := writeResponseFile(tmp, out)
		if err != nil {
			return err
		}
		out = []string{"@" + rf}
	}
	if err := next.run(tool, out); err != nil {
		return err
	}
	return checkOutput(next, pkg, flagValue(args, "o"), res.Marker)
}

// checkOutput makes sure the compiler's output holds the patched package:
// a tool later in the chain that compiled other files than the ones
// alsbuild handed it would otherwise produce a binary that claims compiled
// mode without being patched.
func checkOutput(next chain, pkg, obj, marker string) error {
	if marker == "" {
		return nil
	}
	if obj == "" {
		return fmt.Errorf("%w: compile of %s has no -o output to check", ErrChain, pkg)
	}
	b, err := os.ReadFile(obj)
	if err != nil {
		return fmt.Errorf("alsbuild: check compiled %s: %w", pkg, err)
	}
	if bytes.Contains(b, []byte(marker)) {
		return nil
	}
	// Never leave the unpatched package where the go command would
	// cache it.
	os.Remove(obj)
	if len(next) == 0 {
		return fmt.Errorf("alsbuild: the compiler's output for %s lacks alsbuild's patch (no %s)", pkg, marker)
	}
	return fmt.Errorf("%w: %s, which runs after alsbuild in the -toolexec chain, compiled %s without alsbuild's patch "+
		"(its output has no %s); it must compile the files it is given. Try the other order: -toolexec=\"%s alsbuild\"",
		ErrChain, next, pkg, marker, next)
}

// trimMap records that the files in tmp stand for files in dir.
type trimMap struct{ tmp, dir string }

// mapTrimpath makes the compiler record each patched file under the name
// the same file would have had in its original directory, honouring the
// -trimpath rewrites already there (the go command's, or those of a tool
// earlier in the chain).
func mapTrimpath(args []string, maps []trimMap) []string {
	rule := func(old string) string {
		var b strings.Builder
		for _, m := range maps {
			b.WriteString(m.tmp + "=>" + rewritePath(m.dir, old) + ";")
		}
		return b.String() + old
	}
	for i, a := range args {
		switch {
		case a == "-trimpath" && i+1 < len(args):
			args[i+1] = rule(args[i+1])
			return args
		case strings.HasPrefix(a, "-trimpath="):
			args[i] = "-trimpath=" + rule(a[len("-trimpath="):])
			return args
		}
	}
	// Flags must precede the files; insert before the first argument.
	return append([]string{"-trimpath", strings.TrimSuffix(rule(""), ";")}, args...)
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

var goversionRE = regexp.MustCompile(`(?m)^const Version = (\d+)\s*$`)

// goVersion reports the Go minor version of the standard library in src
// ($GOROOT/src), from internal/goversion, which every release and
// development tree carries, and the release name from $GOROOT/VERSION when
// there is one.
func goVersion(src string) (int, string, error) {
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

// checkLink refuses to link a program whose package gls was compiled in
// compiled mode while package runtime or time was not patched: a tool in
// the -toolexec chain that compiled one of them without alsbuild would
// otherwise produce a binary that reports compiled mode but loses the
// context in plain go statements or AfterFunc callbacks.
func checkLink(args []string) error {
	args, err := expandResponseFiles(args)
	if err != nil {
		return err
	}
	cfg := flagValue(args, "importcfg")
	if cfg == "" {
		return nil
	}
	b, err := os.ReadFile(cfg)
	if err != nil {
		return fmt.Errorf("alsbuild: read the linker's importcfg: %w", err)
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "packagefile "); ok {
			if pkg, file, ok := strings.Cut(rest, "="); ok {
				files[pkg] = file
			}
		}
	}
	has := func(pkg, marker string) (bool, error) {
		b, err := os.ReadFile(files[pkg])
		if err != nil {
			return false, fmt.Errorf("alsbuild: check %s before linking: %w", pkg, err)
		}
		return bytes.Contains(b, []byte(marker)), nil
	}
	if _, ok := files[glsPath]; !ok {
		return nil
	}
	if compiled, err := has(glsPath, patch.GLSMarker); err != nil || !compiled {
		return err
	}
	for _, p := range []struct{ pkg, marker string }{{"runtime", patch.RuntimeMarker}, {"time", patch.TimeMarker}} {
		if _, ok := files[p.pkg]; !ok {
			continue
		}
		patched, err := has(p.pkg, p.marker)
		if err != nil {
			return err
		}
		if !patched {
			return fmt.Errorf("%w: package gls is in compiled mode but package %s was compiled without alsbuild's patch; "+
				"a tool in the -toolexec chain compiled it without running alsbuild. Put alsbuild first: -toolexec=\"alsbuild other-tool\"",
				ErrChain, p.pkg)
		}
	}
	return nil
}
