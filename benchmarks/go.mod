module github.com/go-als/als/benchmarks

go 1.24.0

require (
	github.com/go-als/als v0.0.0-00010101000000-000000000000
	github.com/jtolds/gls v4.20.0+incompatible
	github.com/stretchr/testify v1.12.1
	github.com/timandy/routine v1.1.6
)

require (
	github.com/gopherjs/gopherjs v1.21.0 // indirect
	github.com/petermattis/goid v0.0.0-20261109124353-7cfa343ad0ab // indirect
	github.com/puzpuzpuz/xsync/v3 v3.5.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

replace github.com/go-als/als => ..
