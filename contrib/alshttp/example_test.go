package alshttp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/go-als/als/contrib/alshttp"
)

// audit is deep in the call chain: it takes no request and no ctx.
func audit(action string) {
	fmt.Printf("%s %s (%s): %s\n", alshttp.Method(), alshttp.Pattern(), alshttp.RequestID(), action)
}

func ExampleMiddleware() {
	mux := http.NewServeMux()
	mux.HandleFunc("DELETE /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		audit("delete order " + r.PathValue("id"))
	})
	srv := httptest.NewServer(alshttp.Middleware(mux))
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodDelete, srv.URL+"/orders/7", nil)
	req.Header.Set(alshttp.RequestIDHeader, "req-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("response id:", resp.Header.Get(alshttp.RequestIDHeader))
	// Output:
	// DELETE DELETE /orders/{id} (req-42): delete order 7
	// response id: req-42
}

func ExampleTransport() {
	// Service B prints the id it was called with.
	b := httptest.NewServer(alshttp.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("B serves", alshttp.RequestID())
	})))
	defer b.Close()

	// Service A calls B while serving a request, passing no id along.
	client := &http.Client{Transport: &alshttp.Transport{}}
	a := httptest.NewServer(alshttp.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("A serves", alshttp.RequestID())
		resp, err := client.Get(b.URL)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
	})))
	defer a.Close()

	req, _ := http.NewRequest(http.MethodGet, a.URL, nil)
	req.Header.Set(alshttp.RequestIDHeader, "req-7")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// Output:
	// A serves req-7
	// B serves req-7
}

func ExampleValidID() {
	fmt.Println(alshttp.ValidID("req-42"))
	fmt.Println(alshttp.ValidID("forged\r\nlog line"))
	// Output:
	// true
	// false
}
