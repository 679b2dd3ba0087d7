// Package patch holds alsbuild's source transformations: the runtime patch
// that gives every goroutine a context slot, the time patch that makes
// AfterFunc callbacks start in the caller's context, and the generated file
// that switches package gls to that slot.
//
// Every transformation is anchored: it names the exact text it expects, in
// the exact function it expects it, and refuses to run when the anchor is
// missing or appears more than once. The result is parsed again and checked
// before it is handed to the compiler, so a Go release that moved things
// around fails the build instead of producing a subtly broken binary.
package patch

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Version is the version of the patch set. It is part of alsbuild's build
// cache identity, so changing any transformation must change it.
const Version = "4"

// Supported lists the Go minor versions whose runtime layout alsbuild
// knows. The anchors were checked against the sources of each.
var Supported = []int{24, 25, 26, 27}

// ErrUnsupported reports a Go release outside Supported.
var ErrUnsupported = errors.New("alsbuild: unsupported Go version")

// ErrAnchor reports a patch site that is missing, ambiguous or in the wrong
// place: the sources are not the layout alsbuild knows.
var ErrAnchor = errors.New("alsbuild: patch site not found")

// Result is what a transformation hands to the compiler: replacements for
// some of the package's files (by base name) and extra files to add.
type Result struct {
	Replace map[string][]byte
	Add     map[string][]byte
	// Marker is a symbol that only the patched package defines. alsbuild
	// looks for it in the compiler's output, so a tool later in a
	// -toolexec chain that compiled other files than the patched ones
	// fails the build instead of producing an unpatched package.
	Marker string
}

// Reader returns the original content of one of the package's files, by
// base name.
type Reader func(name string) ([]byte, error)

// CheckVersion accepts the Go minor versions in Supported. release is the
// full version name, used only in the message.
func CheckVersion(minor int, release string) error {
	for _, v := range Supported {
		if v == minor {
			return nil
		}
	}
	if release == "" {
		release = fmt.Sprintf("go1.%d", minor)
	}
	return fmt.Errorf("%w: %s (Go 1.%d); alsbuild patches only the runtime of %s. "+
		"Build without -toolexec=alsbuild, or use an als release that supports this Go version",
		ErrUnsupported, release, minor, supportedList())
}

// supportedList names the releases in Supported for messages:
// "Go 1.24, 1.25 and 1.26".
func supportedList() string {
	var b strings.Builder
	b.WriteString("Go ")
	for i, v := range Supported {
		switch {
		case i == 0:
		case i == len(Supported)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "1.%d", v)
	}
	return b.String()
}

// site is one anchored edit: in file, inside function fn, the text anchor
// must occur exactly once in the whole file, and is replaced by with.
// Replacements never add a newline, so the line numbers of the original
// file stay valid for tracebacks.
type site struct {
	file   string
	fn     string
	params []string // parameters of fn the replacement refers to
	anchor string
	with   string
}

func (s site) apply(src []byte) ([]byte, error) {
	if n := bytes.Count(src, []byte(s.anchor)); n != 1 {
		return nil, fmt.Errorf("%w: %q in %s occurs %d times, want exactly 1", ErrAnchor, s.anchor, s.file, n)
	}
	at := bytes.Index(src, []byte(s.anchor))
	if s.fn != "" {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, s.file, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("alsbuild: parse %s: %w", s.file, err)
		}
		fd := findFunc(f, s.fn)
		if fd == nil || fd.Body == nil {
			return nil, fmt.Errorf("%w: func %s not in %s", ErrAnchor, s.fn, s.file)
		}
		for _, p := range s.params {
			if !hasParam(fd, p) {
				return nil, fmt.Errorf("%w: func %s in %s has no parameter %s", ErrAnchor, s.fn, s.file, p)
			}
		}
		lo, hi := fset.Position(fd.Body.Lbrace).Offset, fset.Position(fd.Body.Rbrace).Offset
		if at < lo || at > hi {
			return nil, fmt.Errorf("%w: %q in %s is not inside func %s", ErrAnchor, s.anchor, s.file, s.fn)
		}
	}
	if bytes.Contains([]byte(s.with), []byte("\n")) {
		return nil, fmt.Errorf("alsbuild: patch for %s would move line numbers", s.file)
	}
	out := make([]byte, 0, len(src)+len(s.with))
	out = append(out, src[:at]...)
	out = append(out, s.with...)
	out = append(out, src[at+len(s.anchor):]...)
	return out, nil
}

// check verifies an applied site: its replacement occurs exactly once.
func (s site) check(patched []byte) error {
	if n := bytes.Count(patched, []byte(s.with)); n != 1 {
		return fmt.Errorf("alsbuild: patch of %s did not apply cleanly (%d copies)", s.file, n)
	}
	return nil
}

func findFunc(f *ast.File, name string) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name {
			return fd
		}
	}
	return nil
}

func hasParam(fd *ast.FuncDecl, name string) bool {
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				return true
			}
		}
	}
	return false
}

func parseCheck(name string, src []byte) (*token.FileSet, *ast.File, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, fmt.Errorf("alsbuild: patched %s does not parse: %w", name, err)
	}
	return fset, f, nil
}
