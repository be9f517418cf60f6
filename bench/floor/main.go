// Command floor is the machine's floor for bench/coop.sh: a bare net/http
// server that answers every request with a 2 kB JSON body (the size of one
// cooperation by id) and does nothing else: no middleware, no database, no
// allocation per request. The latency wrk measures against it is what the
// machine, its kernel and Go's scheduler give before any server code runs.
package main

import (
	"bytes"
	"flag"
	"log"
	"net/http"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18090", "address to listen on")
	flag.Parse()
	body := append(append([]byte(`{"x":"`), bytes.Repeat([]byte("x"), 1990)...), `"}`...)
	size := strconv.Itoa(len(body))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", size)
		_, _ = w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
