package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type apiToken struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Token      string     `json:"token,omitempty"`
}

func toAPIToken(t sqlstore.APIToken) apiToken {
	return apiToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC(), ExpiresAt: utcPtr(t.ExpiresAt), LastUsedAt: utcPtr(t.LastUsedAt), RevokedAt: utcPtr(t.RevokedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// apiTokenList lists the caller's own API tokens (never their secrets).
func (s *Server) apiTokenList(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	toks, err := s.Accounts.ListTokens(r.Context(), info(r).User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]apiToken, len(toks))
	for i, t := range toks {
		items[i] = toAPIToken(t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

type apiTokenInput struct {
	Name        string `json:"name"`
	ExpiresDays int    `json:"expires_days"`
}

// apiTokenCreate makes a token for the caller; the answer is the only time
// the secret is shown.
func (s *Server) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	var in apiTokenInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	days := ""
	if in.ExpiresDays != 0 {
		days = strconv.Itoa(in.ExpiresDays)
	}
	raw, tok, err := s.createToken(r, in.Name, days)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := toAPIToken(tok)
	out.Token = raw
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, &jalin.Error{Code: jalin.ENotFound, Msg: "token.not_found", Err: jalin.ErrNotFound})
		return
	}
	if err := s.Accounts.RevokeToken(r.Context(), info(r).User.ID, id, s.now(), meta(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
