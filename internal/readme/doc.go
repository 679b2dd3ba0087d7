// Package readme holds the Go snippets of the repository's README.md in
// code that compiles and, where it can, runs, and its test checks that
// every snippet in the README is held somewhere in the repository. It
// exports nothing.
package readme
