package web

import (
	"bytes"
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// econImporter is what the upload page needs of the economic data store;
// *sqlstore.DB provides it.
type econImporter interface {
	ImportEcon(ctx context.Context, rows []bps.Row, findings []bps.Finding, sources string, meta sqlstore.AuditMeta) (sqlstore.EconImport, error)
	EconImports(ctx context.Context, limit int) ([]sqlstore.EconImport, error)
}

const maxEconUpload = 20 << 20

type econFile struct {
	Key  string // the blob holding the upload until it is confirmed
	Name string
	Rows int
}

type econKindCount struct {
	Kind     string
	Severity string
	Count    int
}

type econImportData struct {
	Imports  []sqlstore.EconImport
	Files    []econFile
	Kinds    []econKindCount
	Suspect  []bps.Finding
	More     int
	Excluded int
	Total    int
	Error    string
	Done     string
}

// authorizeImport checks that the caller may import reference data (BPS
// tables, geography) for their home; otherwise it has answered.
func (s *Server) authorizeImport(w http.ResponseWriter, r *http.Request) bool {
	return s.authorize(w, r, access.ImportData, homeResource(info(r).Actor, "data"))
}

func (s *Server) econStore() (econImporter, bool) {
	e, ok := s.Coops.(econImporter)
	return e, ok
}

// econImportPage lists the imports and offers the upload form.
func (s *Server) econImportPage(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeImport(w, r) {
		return
	}
	s.renderEconImport(w, r, http.StatusOK, econImportData{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderEconImport(w http.ResponseWriter, r *http.Request, status int, d econImportData) {
	if st, ok := s.econStore(); ok {
		var err error
		if d.Imports, err = st.EconImports(r.Context(), 20); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderStatus(w, r, status, "econ_import", view{Nav: "potential", Title: s.t(r, "econ.title"), Data: d})
}

// readEcon reads and checks the files: every row mapped to a Kemendagri
// code, every finding of every file, nothing written.
func (s *Server) readEcon(files []econFile, data [][]byte) ([]bps.Row, []bps.Finding, error) {
	cw, err := bps.NewCrosswalk(s.Regions)
	if err != nil {
		return nil, nil, err
	}
	var rows []bps.Row
	var findings []bps.Finding
	for i, f := range files {
		rs, fs, err := bps.Read(cw, bytes.NewReader(data[i]), f.Name)
		if err != nil {
			return nil, nil, err
		}
		rows, findings = append(rows, rs...), append(findings, fs...)
	}
	return rows, append(findings, bps.Check(rows)...), nil
}

// econUpload reads the uploaded tables and shows what an import would do:
// every finding by kind and the suspect rows. Nothing is written until the
// administrator confirms; the files wait in the blob store meanwhile.
func (s *Server) econUpload(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeImport(w, r) {
		return
	}
	var files []econFile
	var data [][]byte
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			key, b, err := s.holdUpload(r, fh, maxEconUpload)
			if jalin.ErrorCode(err) == jalin.ETooLarge {
				s.renderEconImport(w, r, statusOfErr(err), econImportData{Error: s.message(r, err)})
				return
			}
			if err != nil {
				s.fail(w, r, err)
				return
			}
			files, data = append(files, econFile{Key: key, Name: cleanFileName(fh.Filename)}), append(data, b)
		}
	}
	if len(files) == 0 {
		s.renderEconImport(w, r, http.StatusBadRequest, econImportData{Error: s.t(r, "econ.no_files")})
		return
	}
	rows, findings, err := s.readEcon(files, data)
	if err != nil {
		s.renderEconImport(w, r, statusOfErr(err), econImportData{Error: s.message(r, err)})
		return
	}
	_, excluded := bps.Plan(rows, findings, true)
	d := econImportData{Files: files, Total: len(rows), Excluded: len(excluded)}
	counts := map[[2]string]int{}
	for _, f := range findings {
		counts[[2]string{string(f.Kind), string(f.Severity)}]++
		if f.Severity == bps.ExcludeSuggested {
			if len(d.Suspect) < 100 {
				d.Suspect = append(d.Suspect, f)
			} else {
				d.More++
			}
		}
	}
	for k, n := range counts {
		d.Kinds = append(d.Kinds, econKindCount{Kind: k[0], Severity: k[1], Count: n})
	}
	sort.Slice(d.Kinds, func(i, j int) bool { return d.Kinds[i].Count > d.Kinds[j].Count })
	s.renderEconImport(w, r, http.StatusOK, d)
}

// econConfirm imports the previewed files without their suspect rows, in
// one transaction.
func (s *Server) econConfirm(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeImport(w, r) {
		return
	}
	st, ok := s.econStore()
	if !ok {
		s.fail(w, r, jalin.Errorf(jalin.EUnavailable, "db.unavailable"))
		return
	}
	keys, names := r.PostForm["key"], r.PostForm["name"]
	if len(keys) == 0 || len(keys) != len(names) {
		s.renderEconImport(w, r, http.StatusBadRequest, econImportData{Error: s.t(r, "econ.no_files")})
		return
	}
	var files []econFile
	var data [][]byte
	for i, k := range keys {
		b, err := s.heldUpload(r, k, maxEconUpload)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		files, data = append(files, econFile{Key: k, Name: cleanFileName(names[i])}), append(data, b)
	}
	rows, findings, err := s.readEcon(files, data)
	if err != nil {
		s.renderEconImport(w, r, statusOfErr(err), econImportData{Error: s.message(r, err)})
		return
	}
	var sources []string
	for _, f := range files {
		sources = append(sources, f.Name)
	}
	imp, err := st.ImportEcon(r.Context(), rows, findings, strings.Join(sources, ", "), meta(r))
	if err != nil {
		s.renderEconImport(w, r, statusOfErr(err), econImportData{Error: s.message(r, err)})
		return
	}
	http.Redirect(w, r, "/econ/import?done="+idOf(imp.ID), http.StatusSeeOther)
}
