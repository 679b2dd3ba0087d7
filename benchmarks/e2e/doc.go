// Package e2e measures what als costs a real program: the same small
// net/http service built twice, once reading the request id with
// Storage.GetStore (the middleware calls Run) and once threading it
// through a context.Context, driven in turn by one load generator.
//
// The handler goes three calls deep and logs one line with log/slog that
// carries the request id, the path that als is for: code far below the
// handler that wants request data without a ctx parameter. The response
// body echoes the id, so the load generator checks every answer.
//
// Compare runs the two servers in alternating rounds and reports the
// median requests per second of each and their ratio; cmd/report puts it
// in the results table.
package e2e
