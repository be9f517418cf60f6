package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// geoImporter is what the geography upload page needs of the store;
// *sqlstore.DB provides it.
type geoImporter interface {
	GeoStats(ctx context.Context) (sqlstore.GeoStats, error)
	GeoImports(ctx context.Context, limit int) ([]sqlstore.GeoImport, error)
	ImportGeo(ctx context.Context, ds *geo.Dataset, source string, after int64, meta sqlstore.AuditMeta) (sqlstore.GeoImport, error)
}

// maxGeoUpload bounds one geography file: the full-resolution regency
// boundaries are 3.6 MB and the village points 5 MB.
const maxGeoUpload = 20 << 20

// geoUnmatchedShown is how many unmatched rows the preview lists.
const geoUnmatchedShown = 50

// geoPreview is what storing one checked file would do.
type geoPreview struct {
	Key       string // the blob holding the upload until it is confirmed
	Name      string
	Kind      string // a geo.Kind
	KindLabel string
	Rows      int // rows it would store
	Replaces  int // rows of that part stored now
	Unmatched []geo.Unmatched
	More      int // unmatched rows not listed
	// After is the last import when the file was checked; the confirmation
	// is refused if another import came in between (or it is sent twice).
	After int64
}

type geoImportData struct {
	Stats   sqlstore.GeoStats
	Imports []sqlstore.GeoImport
	Preview *geoPreview
	Error   string
	Done    string
}

// geoStore is the store of record, as for the BPS import: the same
// database the geography is read from (tests may wrap Geo).
func (s *Server) geoStore() (geoImporter, bool) {
	g, ok := s.Coops.(geoImporter)
	return g, ok
}

// geoImportAllowed checks that the caller may import reference data and
// returns the store to import into; otherwise it has answered.
func (s *Server) geoImportAllowed(w http.ResponseWriter, r *http.Request) (geoImporter, bool) {
	if !s.authorizeImport(w, r) {
		return nil, false
	}
	st, ok := s.geoStore()
	if !ok {
		s.fail(w, r, jalin.Errorf(jalin.EUnavailable, "db.unavailable"))
	}
	return st, ok
}

// geoImportPage shows the stored geography, the imports and the upload form.
func (s *Server) geoImportPage(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeImport(w, r) {
		return
	}
	s.renderGeoImport(w, r, http.StatusOK, geoImportData{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderGeoImport(w http.ResponseWriter, r *http.Request, status int, d geoImportData) {
	if st, ok := s.geoStore(); ok {
		var err error
		if d.Stats, err = st.GeoStats(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Imports, err = st.GeoImports(r.Context(), 20); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderStatus(w, r, status, "geo_import", view{Nav: "potential", Title: s.t(r, "geo.title"), Data: d})
}

// readGeoFile checks one file, telling its kind from its content. A
// structural problem becomes an EInvalid error naming the file, line and
// column, with the parser's detail, all in the request's language.
func (s *Server) readGeoFile(r *http.Request, data []byte, name string) (*geo.Dataset, geo.Kind, error) {
	known := func(code string) bool { _, ok := s.Regions.Get(code); return ok }
	ds, kind, err := geo.ReadFile(data, name, known)
	var pe *geo.ParseError
	switch {
	case errors.As(err, &pe) && pe.Line > 0:
		col := strconv.Itoa(pe.Column)
		if pe.Column == 0 {
			col = "–"
		}
		return nil, "", &jalin.Error{Code: jalin.EInvalid, Msg: "geo.parse_error", Field: "file",
			Args: []any{pe.File, pe.Line, col, s.geoDetail(info(r).Lang, pe)}, Err: err}
	case errors.As(err, &pe):
		return nil, "", &jalin.Error{Code: jalin.EInvalid, Msg: "geo.parse_error_file", Field: "file",
			Args: []any{pe.File, s.geoDetail(info(r).Lang, pe)}, Err: err}
	case err != nil:
		return nil, "", jalin.Wrap(err, "error.internal")
	}
	return ds, kind, nil
}

// geoDetail is the detail of a parse error in lang: its catalogue key with
// the arguments translated in turn, after the feature it concerns. An error
// the parser did not key, or keyed with a key the catalogues lack, keeps
// the parser's English text rather than show a raw key.
func (s *Server) geoDetail(lang i18n.Lang, pe *geo.ParseError) string {
	if pe.Key == "" || !s.Catalog.Has(pe.Key) {
		return pe.Msg
	}
	return s.geoText(lang, pe.Context) + s.Catalog.T(lang, pe.Key, s.geoArgs(lang, pe.Args)...)
}

func (s *Server) geoText(lang i18n.Lang, t geo.Text) string {
	if t.Key == "" || !s.Catalog.Has(t.Key) {
		return t.Msg
	}
	return s.Catalog.T(lang, t.Key, s.geoArgs(lang, t.Args)...)
}

func (s *Server) geoArgs(lang i18n.Lang, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(geo.Text); ok {
			a = s.geoText(lang, t)
		}
		out[i] = a
	}
	return out
}

// partCount is the size of one part of a data set or of the stored
// geography.
func partCount(kind geo.Kind, ds *geo.Dataset, st sqlstore.GeoStats) (rows, stored int) {
	switch kind {
	case geo.KindBoundaries:
		return len(ds.Boundaries), st.Boundaries
	case geo.KindPoints:
		return len(ds.Points), st.Points
	case geo.KindAdjacency:
		return len(ds.Adjacency), st.Adjacency
	}
	return len(ds.TravelTimes), st.TravelTimes
}

// geoUpload checks one uploaded file and shows what storing it would do.
// Nothing is stored until the person confirms; the file waits in the blob
// store meanwhile.
func (s *Server) geoUpload(w http.ResponseWriter, r *http.Request) {
	st, ok := s.geoImportAllowed(w, r)
	if !ok {
		return
	}
	mf := r.MultipartForm
	if mf == nil || len(mf.File["file"]) != 1 {
		s.renderGeoImport(w, r, http.StatusBadRequest, geoImportData{Error: s.t(r, "geo.one_file")})
		return
	}
	fh := mf.File["file"][0]
	key, data, err := s.holdUpload(r, fh, maxGeoUpload)
	if jalin.ErrorCode(err) == jalin.ETooLarge {
		s.renderGeoImport(w, r, statusOfErr(err), geoImportData{Error: s.message(r, err)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := cleanFileName(fh.Filename)
	ds, kind, err := s.readGeoFile(r, data, name)
	if err != nil {
		s.renderGeoImport(w, r, statusOfErr(err), geoImportData{Error: s.message(r, err)})
		return
	}
	stats, err := st.GeoStats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &geoPreview{Key: key, Name: name, Kind: string(kind), KindLabel: s.t(r, "geo.kind."+string(kind)), After: stats.LastImportID}
	p.Rows, p.Replaces = partCount(kind, ds, stats)
	p.Unmatched = ds.Unmatched[:min(len(ds.Unmatched), geoUnmatchedShown)]
	p.More = len(ds.Unmatched) - len(p.Unmatched)
	s.renderGeoImport(w, r, http.StatusOK, geoImportData{Preview: p})
}

// geoConfirm stores the previewed file: only its part of the geography is
// replaced, the others are kept. The file is read and checked again from
// the blob store, so the form can only choose which checked file to store.
func (s *Server) geoConfirm(w http.ResponseWriter, r *http.Request) {
	st, ok := s.geoImportAllowed(w, r)
	if !ok {
		return
	}
	after, err := strconv.ParseInt(r.PostFormValue("after"), 10, 64)
	if err != nil || after < 0 {
		s.renderGeoImport(w, r, http.StatusBadRequest, geoImportData{Error: s.t(r, "geo.one_file")})
		return
	}
	data, err := s.heldUpload(r, r.PostFormValue("key"), maxGeoUpload)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := cleanFileName(r.PostFormValue("name"))
	ds, _, err := s.readGeoFile(r, data, name)
	if err != nil {
		s.renderGeoImport(w, r, statusOfErr(err), geoImportData{Error: s.message(r, err)})
		return
	}
	imp, err := st.ImportGeo(r.Context(), ds, name, after, meta(r))
	if err != nil {
		s.renderGeoImport(w, r, statusOfErr(err), geoImportData{Error: s.message(r, err)})
		return
	}
	http.Redirect(w, r, "/geo/import?done="+idOf(imp.ID), http.StatusSeeOther)
}
