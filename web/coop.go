package web

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// CoopStore is what the pages and API need of stored cooperations, their
// documents, the holiday calendar and the regulation parameters;
// *sqlstore.DB provides it.
type CoopStore interface {
	CreateCooperation(ctx context.Context, c cooperation.Cooperation, meta sqlstore.AuditMeta) (cooperation.Cooperation, error)
	GetCooperation(ctx context.Context, scope access.Scope, id int64) (cooperation.Cooperation, error)
	CooperationAndDocuments(ctx context.Context, scope access.Scope, id int64) (cooperation.Cooperation, []sqlstore.DocumentVersion, error)
	ListCooperations(ctx context.Context, scope access.Scope, f sqlstore.CoopFilter) ([]sqlstore.CoopSummary, int, error)
	UpdateCooperation(ctx context.Context, scope access.Scope, id, version int64, change func(c *cooperation.Cooperation) (*cooperation.Event, error), meta sqlstore.AuditMeta) (cooperation.Cooperation, error)
	CooperationEvents(ctx context.Context, scope access.Scope, id int64) ([]sqlstore.CoopEvent, error)
	// CoopGeneration changes whenever any cooperation does (see coopCache).
	CoopGeneration(ctx context.Context) (int64, error)

	AddDocument(ctx context.Context, scope access.Scope, coopID int64, d sqlstore.DocumentVersion, meta sqlstore.AuditMeta) (sqlstore.DocumentVersion, error)
	Documents(ctx context.Context, scope access.Scope, coopID int64) ([]sqlstore.DocumentVersion, error)
	DocumentVersionByID(ctx context.Context, scope access.Scope, coopID, docID int64) (sqlstore.DocumentVersion, error)

	ExtraHolidays(ctx context.Context) ([]workday.Day, error)
	AddHoliday(ctx context.Context, d workday.Day, meta sqlstore.AuditMeta) error
	ParamVersions(ctx context.Context) ([]cooperation.Params, error)
	SaveParamVersion(ctx context.Context, p cooperation.Params, meta sqlstore.AuditMeta) error
}

// coopID parses the {id} path value.
func coopID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &jalin.Error{Code: jalin.ENotFound, Msg: "coop.not_found", Err: jalin.ErrNotFound}
	}
	return id, nil
}

// loadCoop returns the cooperation named by {id} if the actor may see it;
// outside the actor's scope it is "not found".
func (s *Server) loadCoop(r *http.Request) (cooperation.Cooperation, error) {
	id, err := coopID(r)
	if err != nil {
		return cooperation.Cooperation{}, err
	}
	a := info(r).Actor
	c, err := s.Coops.GetCooperation(r.Context(), a.Scope(), id)
	if err != nil {
		return c, err
	}
	if err := access.Authorize(a, access.ViewCooperation, c.Resource()); err != nil {
		return c, err
	}
	return c, nil
}

// calendar is the working-day calendar with the administrators' additions.
func (s *Server) calendar(ctx context.Context) (*workday.Calendar, error) {
	extra, err := s.Coops.ExtraHolidays(ctx)
	if err != nil {
		return nil, err
	}
	return s.Holidays.With(extra), nil
}

// coopParams is the regulation parameter version c is judged by.
func (s *Server) coopParams(ctx context.Context, c cooperation.Cooperation) (cooperation.Params, error) {
	versions, err := s.Coops.ParamVersions(ctx)
	if err != nil {
		return cooperation.Params{}, err
	}
	return cooperation.ParamsOf(versions, c, workday.DateOf(s.now())), nil
}

// coopInput is the outside knowledge the guards need: which of the parties'
// regions border each other (from the imported adjacency), the calendar,
// the TKKSDs' considerations on it, and for a mandatory KSDD the urusan
// each party's TKKSD has mapped.
func (s *Server) coopInput(ctx context.Context, c cooperation.Cooperation) (cooperation.Input, error) {
	borders := map[[2]string]bool{}
	for _, p := range c.Parties {
		if p.Kind != cooperation.PartyRegion {
			continue
		}
		adj, err := s.Geo.Neighbours(ctx, p.Region)
		if err != nil && jalin.ErrorCode(err) != jalin.ENotFound {
			return cooperation.Input{}, err
		}
		for _, a := range adj {
			borders[[2]string{a.A, a.B}] = true
		}
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return cooperation.Input{}, err
	}
	in := cooperation.Input{
		Facts: cooperation.Facts{Borders: func(a, b string) bool {
			if a > b {
				a, b = b, a
			}
			return borders[[2]string{a, b}] || s.provinceBorders(ctx, a, b)
		}},
		Calendar: cal,
	}
	if s.TKKSD != nil && c.ID != 0 {
		cs, err := s.TKKSD.Considerations(ctx, access.Scope{All: true}, c.ID)
		if err != nil {
			return cooperation.Input{}, err
		}
		in.Considered = func(r string, st cooperation.Stage) bool { return tkksd.Supports(cs, r, string(st)) }
	}
	if s.TKKSD != nil && c.Kind == cooperation.KindWajib {
		var regions []string
		for _, p := range c.Parties {
			if p.Kind == cooperation.PartyRegion {
				regions = append(regions, p.Region)
			}
		}
		mapped, err := s.TKKSD.MappedUrusan(ctx, regions)
		if err != nil {
			return cooperation.Input{}, err
		}
		in.Mapped = func(r, u string) bool { return mapped[r][u] }
	}
	return in, nil
}

// provinceBorders answers adjacency for a pair where one side is a
// province: two provinces border where their regencies do, and a province
// borders every regency inside it and the regencies across its border.
func (s *Server) provinceBorders(ctx context.Context, a, b string) bool {
	if len(a) != 2 && len(b) != 2 {
		return false
	}
	prov, other := a, b
	if len(prov) != 2 {
		prov, other = b, a
	}
	if len(other) >= 2 && other[:2] == prov {
		return true
	}
	for _, child := range s.Regions.Children(prov) {
		adj, err := s.Geo.Neighbours(ctx, child.Code)
		if err != nil {
			continue
		}
		for _, x := range adj {
			n := x.B
			if n == child.Code {
				n = x.A
			}
			if n == other || (len(other) == 2 && n[:2] == other) {
				return true
			}
		}
	}
	return false
}

// coopRules is what the guards judge c by: the outside facts and the
// parameter version in force for it.
func (s *Server) coopRules(ctx context.Context, c cooperation.Cooperation) (cooperation.Input, cooperation.Params, error) {
	in, err := s.coopInput(ctx, c)
	if err != nil {
		return in, cooperation.Params{}, err
	}
	p, err := s.coopParams(ctx, c)
	return in, p, err
}

// applyTransition takes one lifecycle step on the stored cooperation under
// optimistic locking: the guards run inside the store's transaction on the
// current row, and the event lands in the timeline and the audit trail.
func (s *Server) applyTransition(r *http.Request, id, version int64, t cooperation.TransitionName, fill func(*cooperation.Input)) (cooperation.Cooperation, error) {
	a := info(r).Actor
	return s.Coops.UpdateCooperation(r.Context(), a.Scope(), id, version, func(c *cooperation.Cooperation) (*cooperation.Event, error) {
		if err := access.Authorize(a, access.TransitionCooperation, c.Resource()); err != nil {
			return nil, err
		}
		in, p, err := s.coopRules(r.Context(), *c)
		if err != nil {
			return nil, err
		}
		if fill != nil {
			fill(&in)
		}
		next, ev, err := cooperation.Apply(*c, t, a, in, p, s.now())
		if err != nil {
			return nil, err
		}
		*c = next
		return &ev, nil
	}, meta(r))
}

// storeDocument checks an upload by content, stores the bytes by hash and
// records the new version.
func (s *Server) storeDocument(r *http.Request, coopID int64, t cooperation.DocType, party, fileName, note string, data []byte) (sqlstore.DocumentVersion, error) {
	f, err := document.Detect(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return sqlstore.DocumentVersion{}, err
	}
	key, err := s.Blobs.Put(r.Context(), data)
	if err != nil {
		return sqlstore.DocumentVersion{}, err
	}
	u := info(r).User
	return s.Coops.AddDocument(r.Context(), info(r).Actor.Scope(), coopID, sqlstore.DocumentVersion{
		CooperationID: coopID, Type: t, Party: party, FileName: fileName, Size: int64(len(data)),
		SHA256: key, MIME: f.MIME, Kind: f.Kind, HasMacros: f.HasMacros,
		UploadedBy: u.ID, UploaderName: u.Username, UploadedAt: s.now(), Note: note,
	}, meta(r))
}
