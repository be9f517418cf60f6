package web

import (
	"net/http"
	"net/url"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type auditData struct {
	Records   []sqlstore.AuditRecord
	Total     int
	Filter    sqlstore.AuditFilter
	CanVerify bool
	Verified  *sqlstore.AuditVerification
	PrevURL   string
	NextURL   string
	From, To  int
}

// parseAuditFilter reads action, kind and page; the texts are matched
// exactly, so only their length and characters are checked.
func parseAuditFilter(v url.Values) (sqlstore.AuditFilter, error) {
	f := sqlstore.AuditFilter{Limit: 50}
	var err error
	if f.Action, err = textParam(v, "action", 64); err != nil {
		return f, err
	}
	if f.ObjectKind, err = textParam(v, "kind", 32); err != nil {
		return f, err
	}
	page, err := intParam(v, "page", 1, 1, 100000)
	if err != nil {
		return f, err
	}
	f.Offset = (page - 1) * f.Limit
	return f, nil
}

// auditPage lists the audit trail of the actor's scope, newest first; the
// national administrator can also check the hash chain.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewAudit, homeResource(a, "audit")) {
		return
	}
	f, err := parseAuditFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	recs, total, err := s.Accounts.AuditList(r.Context(), a.Scope(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := auditData{Records: recs, Total: total, Filter: f,
		CanVerify: access.Authorize(a, access.VerifyAudit, homeResource(a, "audit")) == nil}
	if d.CanVerify && r.URL.Query().Get("verify") == "1" {
		v, err := s.Accounts.VerifyAudit(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Verified = &v
	}
	if len(recs) > 0 {
		d.From, d.To = f.Offset+1, f.Offset+len(recs)
	}
	page := f.Offset/f.Limit + 1
	if f.Offset > 0 {
		d.PrevURL = listURL("/audit", r.URL.Query(), page-1)
	}
	if f.Offset+f.Limit < total {
		d.NextURL = listURL("/audit", r.URL.Query(), page+1)
	}
	s.render(w, r, "audit", "audit", s.t(r, "audit.title"), d)
}

func (s *Server) apiAuditList(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewAudit, homeResource(a, "audit")) {
		return
	}
	v := r.URL.Query()
	f, err := parseAuditFilter(v)
	if err == nil {
		f.Limit, err = intParam(v, "limit", 50, 1, 500)
	}
	if err == nil && !v.Has("page") {
		f.Offset, err = intParam(v, "offset", 0, 0, maxOffset)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	recs, total, err := s.Accounts.AuditList(r.Context(), a.Scope(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiPage[apiAuditRecord]{Items: toAPIAudit(recs), Total: total, Limit: f.Limit, Offset: f.Offset})
}

type apiVerification struct {
	OK        bool   `json:"ok"`
	Checked   int64  `json:"checked"`
	BrokenSeq *int64 `json:"broken_seq"`
	Reason    string `json:"reason,omitempty"`
}

func (s *Server) apiAuditVerify(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.VerifyAudit, homeResource(a, "audit")) {
		return
	}
	v, err := s.Accounts.VerifyAudit(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := apiVerification{OK: v.OK, Checked: v.Checked, Reason: v.Reason}
	if !v.OK {
		seq := v.BrokenSeq
		out.BrokenSeq = &seq
	}
	writeJSON(w, http.StatusOK, out)
}
