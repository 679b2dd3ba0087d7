package cgo

func other() {
	go work(1) // want "go statement"
}
