package asyncres

// Option configures a [Resource] in [New]. Make one with
// [WithTriggerAsyncID] or [WithRequireManualDestroy]. An Option is a
// plain value, so passing options allocates nothing: the zero Option
// changes nothing, and when two set the same thing the later wins.
type Option struct {
	trigger    uint64
	hasTrigger bool
	manual     bool
}

// WithTriggerAsyncID makes id the resource's trigger id
// ([Resource.TriggerAsyncID]), instead of the execution id current at
// [New].
func WithTriggerAsyncID(id uint64) Option {
	return Option{trigger: id, hasTrigger: true}
}

// WithRequireManualDestroy stops the resource from reporting Destroy when
// it is garbage-collected; only [Resource.EmitDestroy] reports it. Use it
// for resources you always destroy yourself: it saves a cleanup
// registration.
func WithRequireManualDestroy() Option {
	return Option{manual: true}
}
