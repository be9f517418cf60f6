package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/jalin-ksd/jalin"
)

// statusOf is the one place where an application error code becomes an
// HTTP status. Anything unknown is a 500.
func statusOf(code jalin.Code) int {
	switch code {
	case jalin.EInvalid:
		return http.StatusBadRequest
	case jalin.EUnauthorized:
		return http.StatusUnauthorized
	case jalin.EForbidden:
		return http.StatusForbidden
	case jalin.ENotFound:
		return http.StatusNotFound
	case jalin.EConflict:
		return http.StatusConflict
	case jalin.EPrecondition:
		return http.StatusPreconditionFailed
	case jalin.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case jalin.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// problem is an RFC 9457 problem details object.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Instance  string `json:"instance,omitempty"`
	Code      string `json:"code"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// userMessage returns the message safe to show for err, in the request's
// language. Internal causes are never shown.
func (s *Server) userMessage(r *http.Request, err error) (jalin.Code, string, string) {
	code := jalin.ErrorCode(err)
	var e *jalin.Error
	if errors.As(err, &e) && code != jalin.EInternal {
		lang := info(r).Lang
		return code, s.Catalog.T(lang, e.Msg, localArgs(s.Catalog, s.Regions, lang, e.Msg, e.Args)...), e.Field
	}
	return jalin.EInternal, s.Catalog.T(info(r).Lang, "error.internal", info(r).ID), ""
}

// fail answers a request with err: a problem document for the API, an error
// page for everything else. 5xx are logged as errors with their cause; the
// request log records 4xx as warnings.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		// The client went away (closed the tab, a load tester stopped):
		// nothing to answer and nothing wrong with the server.
		w.WriteHeader(statusClientClosed)
		return
	}
	code, msg, field := s.userMessage(r, err)
	status := statusOf(code)
	if status >= 500 {
		s.Logger.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("request_id", info(r).ID), slog.String("path", r.URL.Path), slog.Any("error", err))
	}
	if isAPI(r) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(problem{
			Type:      "about:blank",
			Title:     http.StatusText(status),
			Status:    status,
			Detail:    msg,
			Instance:  r.URL.Path,
			Code:      string(code),
			Field:     field,
			RequestID: info(r).ID,
		})
		return
	}
	s.renderStatus(w, r, status, "error", errorPage{Status: status, Message: msg, Field: field})
}

// statusClientClosed is nginx's convention for a request whose client
// disconnected; it only shows in logs and metrics.
const statusClientClosed = 499

type errorPage struct {
	Status  int
	Message string
	Field   string
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, jalin.Errorf(jalin.ENotFound, "error.page_not_found", r.URL.Path))
}
