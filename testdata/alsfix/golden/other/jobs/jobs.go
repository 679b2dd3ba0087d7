// Package jobs is a non-standard import for the import-grouping cases.
package jobs

// Run runs a job.
func Run(name string) {}
