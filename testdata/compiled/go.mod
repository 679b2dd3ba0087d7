module example.com/alscompiled

go 1.24.0

replace (
	example.com/thirdparty => ./thirdparty
	github.com/go-als/als => ../..
)

require (
	example.com/thirdparty v0.0.0-00010101000000-000000000000
	github.com/go-als/als v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/petermattis/goid v0.0.0-20261109124353-7cfa343ad0ab // indirect
	github.com/puzpuzpuz/xsync/v3 v3.5.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
