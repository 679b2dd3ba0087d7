// Package thirdparty stands for code you do not own: a driver or an SDK
// that starts goroutines with plain go statements and has never heard of
// als.
package thirdparty

// Go runs fn in a new goroutine, the way libraries do.
func Go(fn func()) {
	go fn()
}

// Pool is a fixed set of workers started by plain go statements.
type Pool struct{ jobs chan func() }

// NewPool starts n workers.
func NewPool(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for i := 0; i < n; i++ {
		go func() {
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

// Submit hands job to a worker.
func (p *Pool) Submit(job func()) { p.jobs <- job }

// Close stops the workers once they finish their jobs.
func (p *Pool) Close() { close(p.jobs) }
