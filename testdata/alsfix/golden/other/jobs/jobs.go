// Package jobs is a non-standard import for the import-grouping cases.
package jobs

// Run runs a job.
func Run(name string) {}

// Urgent marks a job urgent.
type Urgent bool

// Mark marks the current job.
func Mark(u Urgent) {}

type quiet bool

// Hush takes a type that other packages cannot name.
func Hush(q quiet) {}
