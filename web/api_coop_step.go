package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/cooperation"
)

// apiProblem is one unmet requirement of a step: the rule (V-01…V-22, or
// STAGE, ACTOR, ORDER, INPUT, PARAM, TIME), the input field at fault, the
// message key for programs and the message in the caller's language.
type apiProblem struct {
	Rule    string `json:"rule"`
	Field   string `json:"field"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

func (s *Server) apiProblems(r *http.Request, ps []cooperation.Problem) []apiProblem {
	out := make([]apiProblem, len(ps))
	for i, p := range ps {
		out[i] = apiProblem{Rule: p.Rule, Field: p.Field, Key: p.Msg, Message: s.Catalog.T(info(r).Lang, p.Msg, localArgs(s.Catalog, s.Regions, info(r).Lang, p.Msg, p.Args)...)}
	}
	return out
}

// refusalProblem is the RFC 9457 problem document of a refused step, with
// every unmet requirement rather than the first.
type refusalProblem struct {
	problem
	Problems []apiProblem `json:"problems"`
}

// failStep answers a failed step: a refusal by the rules lists all its
// problems (422, or 403 when the caller is the only obstacle); anything
// else goes the usual way.
func (s *Server) failStep(w http.ResponseWriter, r *http.Request, err error) {
	var ref *cooperation.Refusal
	if !errors.As(err, &ref) || r.Context().Err() != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	code := jalin.ErrorCode(err)
	status := http.StatusUnprocessableEntity
	if code == jalin.EForbidden {
		status = http.StatusForbidden
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(refusalProblem{
		problem: problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
			Detail:   s.Catalog.T(info(r).Lang, "coopapi.step_refused", len(ref.Problems)),
			Instance: r.URL.Path, Code: string(code), Field: firstField(ref.Problems), RequestID: info(r).ID},
		Problems: s.apiProblems(r, ref.Problems),
	})
}

func firstField(ps []cooperation.Problem) string {
	for _, p := range ps {
		if p.Field != "" {
			return p.Field
		}
	}
	return ""
}

type apiOption struct {
	Step     cooperation.TransitionName `json:"step"`
	Ready    bool                       `json:"ready"`
	Problems []apiProblem               `json:"problems"`
}

type apiOptions struct {
	Stage   cooperation.Stage `json:"stage"`
	Version int64             `json:"version"`
	Items   []apiOption       `json:"items"`
}

// apiCoopOptions lists the steps open to the caller from the current
// stage, each with what still stands in its way.
func (s *Server) apiCoopOptions(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, p, err := s.coopRules(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := apiOptions{Stage: c.Stage, Version: c.Version, Items: []apiOption{}}
	for _, o := range cooperation.Available(c, info(r).Actor, in, p, s.now()) {
		out.Items = append(out.Items, apiOption{Step: o.Name, Ready: len(o.Problems) == 0, Problems: s.apiProblems(r, o.Problems)})
	}
	w.Header().Set("ETag", etag(c.Version))
	writeJSON(w, http.StatusOK, out)
}

// apiCoopStep takes one lifecycle step under If-Match.
func (s *Server) apiCoopStep(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	step := cooperation.TransitionName(r.PathValue("step"))
	if cooperation.Lookup(c.Kind, step) == nil {
		s.fail(w, r, &jalin.Error{Code: jalin.ENotFound, Msg: "coopapi.step_unknown", Args: []any{string(step), string(c.Kind)},
			Err: jalin.ErrNotFound})
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in apiStepInput
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		if err := decodeJSON(r, &in); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	c, err = s.applyTransition(r, c.ID, version, step, in.fill)
	if err != nil {
		s.failStep(w, r, err)
		return
	}
	s.writeCoop(w, r, http.StatusOK, c)
}

type apiEvent struct {
	Seq       int               `json:"seq"`
	Type      string            `json:"type"`
	From      string            `json:"from"`
	To        string            `json:"to"`
	ActorID   *int64            `json:"actor_id"`
	ActorName string            `json:"actor_name"`
	Role      string            `json:"role"`
	Party     string            `json:"party"`
	Reason    string            `json:"reason"`
	Data      map[string]string `json:"data"`
	At        time.Time         `json:"at"`
}

// apiCoopEvents is the timeline. The public sees what happened and when,
// not who did it.
func (s *Server) apiCoopEvents(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	evs, err := s.Coops.CooperationEvents(r.Context(), a.Scope(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]apiEvent, len(evs))
	for i, e := range evs {
		items[i] = apiEvent{Seq: e.Seq, Type: string(e.Type), From: string(e.From), To: string(e.To), Role: string(e.Role),
			Party: e.Party, Reason: e.Reason, Data: e.Data, At: e.At.UTC()}
		if items[i].Data == nil {
			items[i].Data = map[string]string{}
		}
		if !a.IsAnonymous() {
			items[i].ActorID, items[i].ActorName = optID(e.ActorID), e.ActorName
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
