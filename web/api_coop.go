package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
)

func (s *Server) apiCoopList(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseCoopFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope := info(r).Actor.Scope()
	key := coopListKey{scope, f}
	gen, cache := s.coopGeneration(r.Context())
	if a, ok := s.coopCache.get(gen, key); cache && ok {
		writeCached(w, a)
		return
	}
	items, total, err := s.Coops.ListCooperations(r.Context(), scope, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]apiCoopSummary, len(items))
	for i, c := range items {
		out[i] = s.toAPICoopSummary(c)
	}
	page := apiPage[apiCoopSummary]{Items: out, Total: total, Limit: f.Limit, Offset: f.Offset}
	if !cache {
		writeJSON(w, http.StatusOK, page)
		return
	}
	body, err := encodeJSON(page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := cachedAnswer{body: body}
	s.coopCache.put(gen, key, a)
	writeCached(w, a)
}

// coopListKey is what a list answer depends on besides the stored
// cooperations: the scope of who asks (nothing else of theirs: the list
// shows the same columns to all) and the filter, today included.
type coopListKey struct {
	scope access.Scope
	f     sqlstore.CoopFilter
}

// apiCoopCreate starts a cooperation with the caller's region as the
// initiating party, in the kind's initial stage.
func (s *Server) apiCoopCreate(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.CreateCooperation, homeResource(a, "cooperation")) {
		return
	}
	var in apiCoopInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	d := in.draft()
	if err := d.check(s.Regions); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.createCoop(r, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/cooperations/"+idOf(c.ID))
	s.writeCoop(w, r, http.StatusCreated, c)
}

// writeCoop answers with the full cooperation and its version as ETag.
// Documents are listed to those who may open them.
func (s *Server) writeCoop(w http.ResponseWriter, r *http.Request, status int, c cooperation.Cooperation) {
	v, err := s.coopAnswer(r, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(c.Version))
	writeJSON(w, status, v)
}

// coopAnswer is the API's view of c for the one who asks.
func (s *Server) coopAnswer(r *http.Request, c cooperation.Cooperation) (apiCoop, error) {
	a := info(r).Actor
	var docs []sqlstore.DocumentVersion
	if access.Authorize(a, access.ViewDocument, c.Resource()) == nil {
		var err error
		if docs, err = s.Coops.Documents(r.Context(), a.Scope(), c.ID); err != nil {
			return apiCoop{}, err
		}
	}
	return s.toAPICoop(c, docs, !a.IsAnonymous()), nil
}

func (s *Server) apiCoopGet(w http.ResponseWriter, r *http.Request) {
	id, err := coopID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	who := info(r).Actor
	c, docs, err := s.Coops.CooperationAndDocuments(r.Context(), who.Scope(), id)
	res := c.Resource()
	if err == nil {
		err = access.Authorize(who, access.ViewCooperation, res)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if access.Authorize(who, access.ViewDocument, res) != nil {
		docs = nil
	}
	w.Header().Set("ETag", etag(c.Version))
	writeJSON(w, http.StatusOK, s.toAPICoop(c, docs, !who.IsAnonymous()))
}

// ifMatch reads the version the client read (the ETag it sends back).
func ifMatch(r *http.Request) (int64, error) {
	v, err := strconv.ParseInt(strings.TrimPrefix(strings.Trim(r.Header.Get("If-Match"), `"`), "W/"), 10, 64)
	if err != nil || v <= 0 {
		return 0, jalin.Invalid("If-Match", "api.if_match_required")
	}
	return v, nil
}

// preconditionFailed turns the store's "changed meanwhile" into 412 on
// If-Match, as for users.
func preconditionFailed(err error) error {
	var e *jalin.Error
	if errors.As(err, &e) && e.Code == jalin.EConflict && e.Field == "version" {
		return &jalin.Error{Code: jalin.EPrecondition, Msg: e.Msg, Field: "If-Match", Err: err}
	}
	return err
}

// apiCoopUpdate changes the draft fields while the cooperation is in its
// initial stage. The body is read over the stored values, so fields left
// out keep them (arrays and objects sent replace the stored ones whole).
func (s *Server) apiCoopUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.EditCooperation, c.Resource()) {
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.Stage != cooperation.InitialStage(c.Kind) {
		s.fail(w, r, &jalin.Error{Code: jalin.EConflict, Msg: "coopapi.edit_after_preparation",
			Args: []any{string(c.Stage)}, Field: "stage"})
		return
	}
	in := s.inputOf(c)
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	d := in.draft()
	if err := d.check(s.Regions); err != nil {
		s.fail(w, r, err)
		return
	}
	a := info(r).Actor
	c, err = s.Coops.UpdateCooperation(r.Context(), a.Scope(), c.ID, version, func(x *cooperation.Cooperation) (*cooperation.Event, error) {
		if x.Stage != cooperation.InitialStage(x.Kind) {
			return nil, &jalin.Error{Code: jalin.EConflict, Msg: "coopapi.edit_after_preparation",
				Args: []any{string(x.Stage)}, Field: "stage"}
		}
		return nil, editDraft(x, d, a, s.Regions, s.orgName(r))
	}, meta(r))
	if err != nil {
		s.fail(w, r, preconditionFailed(err))
		return
	}
	s.writeCoop(w, r, http.StatusOK, c)
}
