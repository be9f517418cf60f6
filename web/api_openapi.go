package web

import (
	_ "embed"
	"net/http"
)

// openAPI is the API's description; tests check real responses against it.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the embedded OpenAPI 3.1 document.
func OpenAPI() []byte { return openAPI }

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPI)
}
