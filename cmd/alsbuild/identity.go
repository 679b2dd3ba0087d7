package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/go-als/als/cmd/alsbuild/internal/patch"
)

// identity names this alsbuild: its executable's hash and the patch set
// version. Any change to either changes every compile's cache key.
func identity() (string, error) {
	self, err := selfPath()
	if err != nil {
		return "", err
	}
	f, err := os.Open(self)
	if err != nil {
		return "", fmt.Errorf("alsbuild: hash own executable: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("alsbuild: hash own executable: %w", err)
	}
	return "alsbuild-" + patch.Version + "-" + hex.EncodeToString(h.Sum(nil))[:20], nil
}

// versionFull answers the go command's "compile -V=full" with the
// compiler's own answer plus alsbuild's identity. The go command uses the
// whole line of a release compiler as the tool id, and the content id
// after the last "/" of a development compiler's buildID field, so the
// identity goes at the end of the line or of that field.
func versionFull(next chain, tool string, args []string) error {
	var out bytes.Buffer
	name, full := next.command(tool, args)
	cmd := exec.Command(name, full...)
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return err
	}
	id, err := identity()
	if err != nil {
		return err
	}
	line := strings.TrimRight(out.String(), "\n")
	fields := strings.Fields(line)
	if n := len(fields); n > 0 && strings.HasPrefix(fields[n-1], "buildID=") {
		line += "." + id
	} else {
		line += " " + id
	}
	_, err = fmt.Fprintln(os.Stdout, line)
	return err
}
