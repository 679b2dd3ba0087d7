// Package alspprof turns stores into pprof labels, so that a CPU profile
// can be broken down by tenant, route or any other store:
//
//	var tenant = als.New[string]()
//	labels := alspprof.New(
//		alspprof.Label("tenant", tenant),
//		alspprof.LabelFunc("route", alshttp.Pattern),
//	)
//	...
//	alspprof.Run(labels, tenant, "acme", serve) // tenant.Run with the labels set
//
// and then
//
//	go tool pprof -tagfocus=tenant=acme cpu.pprof
//
// shows only the CPU time spent on acme's behalf.
//
// Labels are per goroutine in the Go runtime, and a Storage's Run cannot
// set them by itself, so a [Labeler] does it where the work starts:
// [Labeler.Do] runs a function with the current stores as labels, [Run] is
// a Storage's Run with Do inside, and [Labeler.Middleware] does it for
// each HTTP request. The labels
// hold until the function returns, and the runtime copies them into every
// goroutine started meanwhile, by [als.Go] or by a go statement, so a
// request's background work is labeled too. A storage with no store adds
// no label.
//
// Labelers nest: an inner Do adds its labels to the outer one's and, when
// it returns, puts the outer ones back. Work that runs in a store's
// context on a goroutine that Do did not start, such as a task of a
// spawn.Pool or a function from [als.Bind], carries that goroutine's labels
// instead; wrap it in Do to label it.
//
// The outermost Do starts from no labels and leaves none behind, as
// [pprof.Do](context.Background(), ...) does: labels a goroutine got from
// [pprof.SetGoroutineLabels] or pprof.Do elsewhere are not kept inside it.
package alspprof
