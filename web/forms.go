package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/i18n"
)

// t translates key into the request's language.
func (s *Server) t(r *http.Request, key string, args ...any) string {
	return s.Catalog.T(info(r).Lang, key, args...)
}

// message is the user-safe text of err in the request's language.
func (s *Server) message(r *http.Request, err error) string {
	_, msg, _ := s.userMessage(r, err)
	return msg
}

// formFail shows a field error next to its field by rendering the form
// again (rerender), and anything else as an error page.
func (s *Server) formFail(w http.ResponseWriter, r *http.Request, err error, rerender func(errs map[string]string)) {
	errs := map[string]string{}
	for _, e := range fieldErrors(err) {
		if _, ok := errs[e.Field]; !ok {
			errs[e.Field] = s.message(r, e)
		}
	}
	if len(errs) > 0 {
		rerender(errs)
		return
	}
	s.fail(w, r, err)
}

// fieldErrors are the errors in err (one, or several joined) that name a
// form field the user can correct.
func fieldErrors(err error) []*jalin.Error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*jalin.Error
		for _, x := range j.Unwrap() {
			out = append(out, fieldErrors(x)...)
		}
		return out
	}
	var e *jalin.Error
	if errors.As(err, &e) && e.Field != "" && (e.Code == jalin.EInvalid || e.Code == jalin.EConflict) {
		return []*jalin.Error{e}
	}
	return nil
}

func statusOfErr(err error) int { return statusOf(jalin.ErrorCode(err)) }

// idOf renders an object id for the audit trail; 0 (none) is "".
func idOf(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func setLangCookie(w http.ResponseWriter, secure bool, l i18n.Lang) {
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure,
	})
}
