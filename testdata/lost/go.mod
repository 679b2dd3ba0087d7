// The five-ways program of the context-loss detector's end-to-end test
// (internal/lost). Its own module, so that the main module does not
// depend on golang.org/x/sync.
module example.com/lost

go 1.25.0

require (
	github.com/go-als/als v0.0.0-00010101000000-000000000000
	golang.org/x/sync v0.19.0
)

require (
	github.com/petermattis/goid v0.0.0-20261109124353-7cfa343ad0ab // indirect
	github.com/puzpuzpuz/xsync/v3 v3.5.1 // indirect
)

replace github.com/go-als/als => ../..
