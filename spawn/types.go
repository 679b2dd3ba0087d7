package spawn

// Resource types of the async resources this package creates, as hooks
// see them in Init: [TypeGoroutine] for [Go], [TypeTimeout] for
// [AfterFunc], [TypePoolTask] for [Pool.Submit].
const (
	TypeGoroutine = "GOROUTINE" // a goroutine started by Go
	TypeTimeout   = "TIMEOUT"   // a timer started by AfterFunc
	TypePoolTask  = "POOLTASK"  // a task submitted to a Pool
)
