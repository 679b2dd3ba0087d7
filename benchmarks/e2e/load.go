package e2e

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Load bounds one load run: at most Requests requests from Clients
// concurrent keep-alive clients, and no new request after MaxDuration.
type Load struct {
	Requests    int
	Clients     int
	MaxDuration time.Duration
}

// ErrBadLoad is returned by Drive for a Load with a non-positive field.
var ErrBadLoad = errors.New("e2e: Requests, Clients and MaxDuration must be positive")

// Result is what one load run did.
type Result struct {
	Completed int           // requests answered with their own id
	Failed    int           // transport errors, bad statuses, wrong bodies
	Elapsed   time.Duration // from the first request to the last answer
	FirstErr  error         // the first failure, if any
}

// RPS is the rate of completed requests per second.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Completed) / r.Elapsed.Seconds()
}

// Drive sends requests to url as l allows, each with a fresh id in
// RequestIDHeader, and checks that every body echoes its id.
func Drive(url string, l Load) (Result, error) {
	if l.Requests <= 0 || l.Clients <= 0 || l.MaxDuration <= 0 {
		return Result{}, ErrBadLoad
	}
	tr := &http.Transport{
		MaxIdleConns:        l.Clients,
		MaxIdleConnsPerHost: l.Clients,
		MaxConnsPerHost:     l.Clients,
		IdleConnTimeout:     time.Minute,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	var (
		next      atomic.Int64
		completed atomic.Int64
		failed    atomic.Int64
		errOnce   sync.Once
		firstErr  error
		wg        sync.WaitGroup
	)
	fail := func(err error) {
		failed.Add(1)
		errOnce.Do(func() { firstErr = err })
	}
	start := time.Now()
	deadline := start.Add(l.MaxDuration)
	wg.Add(l.Clients)
	for range l.Clients {
		go func() { //als:ignore load-generator clients carry no context
			defer wg.Done()
			for {
				n := next.Add(1)
				if n > int64(l.Requests) || time.Now().After(deadline) {
					return
				}
				if err := roundTrip(client, url, "r"+strconv.FormatInt(n, 10)); err != nil {
					fail(err)
					continue
				}
				completed.Add(1)
			}
		}()
	}
	wg.Wait()
	return Result{
		Completed: int(completed.Load()),
		Failed:    int(failed.Load()),
		Elapsed:   time.Since(start),
		FirstErr:  firstErr,
	}, nil
}

func roundTrip(client *http.Client, url, id string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set(RequestIDHeader, id)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("request %s: status %s", id, resp.Status)
	}
	if string(body) != id {
		return fmt.Errorf("request %s: body %q, want the id back", id, body)
	}
	return nil
}
