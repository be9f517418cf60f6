package web

import (
	"net/http"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

type apiParamInput struct {
	Version       string            `json:"version"`
	EffectiveFrom string            `json:"effective_from"`
	Values        map[string]int    `json:"values"`
	Texts         map[string]string `json:"texts"`
	Source        string            `json:"source"`
}

// newParamVersion builds a complete new version from the one in force on
// its effective date, changing the given values. A value an administrator
// sets is his decision: it keeps its confidence but is marked verified
// only if a source is named.
func (s *Server) newParamVersion(r *http.Request, in apiParamInput) (cooperation.Params, error) {
	in.Version = strings.TrimSpace(in.Version)
	if in.Version == "" || len(in.Version) > 64 || strings.ContainsAny(in.Version, " \t\n/") {
		return cooperation.Params{}, jalin.Invalid("version", "params.version_required")
	}
	from, err := workday.ParseDate(strings.TrimSpace(in.EffectiveFrom))
	if err != nil {
		return cooperation.Params{}, jalin.Invalid("effective_from", "params.effective_from_required")
	}
	versions, err := s.Coops.ParamVersions(r.Context())
	if err != nil {
		return cooperation.Params{}, err
	}
	base := cooperation.ParamsFor(versions, from)
	p := cooperation.Params{Version: in.Version, EffectiveFrom: from, Values: map[string]cooperation.Param{}}
	for name, v := range base.Values {
		p.Values[name] = v
	}
	for name, v := range in.Values {
		cur, ok := p.Values[name]
		if !ok {
			return p, jalin.Invalid("values", "params.unknown", name)
		}
		cur.Value = v
		if src := strings.TrimSpace(in.Source); src != "" {
			cur.Source, cur.Unverified = src, false
		}
		p.Values[name] = cur
	}
	for name, v := range in.Texts {
		cur, ok := p.Values[name]
		if !ok {
			return p, jalin.Invalid("texts", "params.unknown", name)
		}
		cur.Text = v
		p.Values[name] = cur
	}
	return p, nil
}

// apiParamSave stores a new regulation parameter version (national
// administrator). Cooperations keep the version in force when they
// started; the new one applies to those starting from its date.
func (s *Server) apiParamSave(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageParams, homeResource(a, "params")) {
		return
	}
	var in apiParamInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.newParamVersion(r, in)
	if err == nil {
		err = s.Coops.SaveParamVersion(r.Context(), p, meta(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"version": p.Version, "effective_from": p.EffectiveFrom})
}
