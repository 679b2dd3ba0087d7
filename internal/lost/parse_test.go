package lost

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Tracebacks as runtime.Stack prints them (Go 1.26), trimmed.
const (
	goStatement = `goroutine 10 [running]:
main.main.func2.3()
	/src/app/main.go:48 +0x4f
created by main.main.func2 in goroutine 1
	/src/app/main.go:48 +0x17a
`
	waitGroupGo = `goroutine 7 [running]:
main.main.func1()
	/tmp/tb/main.go:21 +0x1f
sync.(*WaitGroup).Go.func1()
	/usr/local/go/src/sync/waitgroup.go:258 +0x4a
created by sync.(*WaitGroup).Go in goroutine 1
	/usr/local/go/src/sync/waitgroup.go:238 +0x73
[originating from goroutine 1]:
sync.(*WaitGroup).Go(...)
	/usr/local/go/src/sync/waitgroup.go:260 +0x73
main.main(...)
	/tmp/tb/main.go:22 +0x2f
`
	afterFunc = `goroutine 9 [running]:
main.main.func4()
	/tmp/tb/main.go:28 +0x4f
created by context.(*afterFuncCtx).cancel.func1 in goroutine 1
	/usr/local/go/src/context/context.go:358 +0x1b
[originating from goroutine 1]:
context.(*afterFuncCtx).cancel.func1(...)
	/usr/local/go/src/context/context.go:359 +0x1b
sync.(*Once).doSlow(...)
	/usr/local/go/src/sync/once.go:77 +0xac
github.com/acme/jobs.(*Runner).stop(...)
	/src/jobs/runner.go:90 +0x12f
main.main(...)
	/tmp/tb/main.go:30 +0x12f
`
	timer = `goroutine 17 [running]:
main.main.func3()
	/tmp/tb/main.go:25 +0x4f
created by time.goFunc
	/usr/local/go/src/time/sleep.go:215 +0x2d
`
	mainGoroutine = `goroutine 1 [running]:
main.main()
	/tmp/tb/main.go:25 +0x4f
`
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		tb   string
		want Loss
		ok   bool
	}{
		{"go statement", goStatement, Loss{Goroutine: 10, Creator: 1, Func: "main.main.func2", Site: "/src/app/main.go:48"}, true},
		{"WaitGroup.Go with ancestors", waitGroupGo, Loss{Goroutine: 7, Creator: 1, Func: "sync.(*WaitGroup).Go",
			Site: "/usr/local/go/src/sync/waitgroup.go:238", Caller: "main.main in main.go"}, true},
		{"first frame outside std and x is the caller", afterFunc, Loss{Goroutine: 9, Creator: 1, Func: "context.(*afterFuncCtx).cancel.func1",
			Site: "/usr/local/go/src/context/context.go:358", Caller: "github.com/acme/jobs.(*Runner).stop in runner.go"}, true},
		{"timer", timer, Loss{Goroutine: 17, Func: "time.goFunc", Site: "/usr/local/go/src/time/sleep.go:215"}, true},
		{"main goroutine", mainGoroutine, Loss{Goroutine: 1}, false},
		{"garbage", "nonsense", Loss{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parse(tt.tb)
			assert.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func TestLibrary(t *testing.T) {
	tests := []struct {
		fn   string
		want bool
	}{
		{"sync.(*WaitGroup).Go", true},
		{"context.(*afterFuncCtx).cancel.func1", true},
		{"net/http.(*Server).Serve", true},
		{"golang.org/x/sync/errgroup.(*Group).Go", true},
		{"main.main", false},
		{"main.main.func2", false},
		{"github.com/acme/jobs.(*Runner).stop", false},
		{"example.com/app/internal/x.F", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, library(tt.fn), tt.fn)
	}
}

func TestHasLost(t *testing.T) {
	for v, want := range map[string]bool{"": false, "lost": true, "x,lost": true, " lost ,y": true, "lostx": false, "1": false} {
		assert.Equal(t, want, hasLost(v), "%q", v)
	}
}

func TestLossString(t *testing.T) {
	tests := []struct {
		name string
		l    Loss
		want string
	}{
		{"go statement", Loss{Storage: "request_id", Goroutine: 41, Creator: 1, Func: "main.main", Site: "/src/main.go:46"},
			"als: context lost: request_id missed in goroutine 41, started at main.go:46 (main.main) by goroutine 1, which holds a context; use als.Go, als.Bind, or compiled mode"},
		{"library, no ancestors", Loss{Storage: "s", Goroutine: 5, Creator: 1, Func: "sync.(*WaitGroup).Go", Site: "/go/src/sync/waitgroup.go:238"},
			"als: context lost: s missed in goroutine 5, started at waitgroup.go:238 (sync.(*WaitGroup).Go; GODEBUG=tracebackancestors=1 names its caller) by goroutine 1, which holds a context; use als.Go, als.Bind, or compiled mode"},
		{"library, caller", Loss{Storage: "s", Goroutine: 5, Creator: 1, Func: "context.(*afterFuncCtx).cancel.func1", Site: "/go/src/context/context.go:358", Caller: "main.main in main.go"},
			"als: context lost: s missed in goroutine 5, started at context.go:358 (context.AfterFunc, called from main.main in main.go) by goroutine 1, which holds a context; use als.Go, als.Bind, or compiled mode"},
		{"timer", Loss{Storage: "s", Goroutine: 17, Func: "time.goFunc", Site: "/go/src/time/sleep.go:215"},
			"als: context lost: s missed in goroutine 17, started at sleep.go:215 (time.AfterFunc) by the runtime, which passes no context, while other goroutines hold one; use spawn.AfterFunc or als.Bind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.l.String()) })
	}
}
