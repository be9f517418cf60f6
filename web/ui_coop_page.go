package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// coopNotice carries what a re-rendered page must show: a form's errors,
// the draft as typed, a refused step's problems.
type coopNotice struct {
	Errors   map[string]string
	Draft    *coopDraft
	Problems []cooperation.Problem
	Saved    string
}

// nextStep is an action the actor may take next, with what still stands in
// its way.
type nextStep struct {
	Name      cooperation.TransitionName
	Party     string // a party without accounts the step is recorded for
	PartyName string
	Problems  []cooperation.Problem
	Docs      []cooperation.DocType
}

// docNeed is a document a next step requires, and whether a current one is
// present.
type docNeed struct {
	Type    cooperation.DocType
	Party   string
	Present bool
	For     []cooperation.TransitionName // the next steps that need it
}

type coopPageData struct {
	Coop      cooperation.Cooperation
	Steps     []nextStep
	Needs     []docNeed
	Docs      []sqlstore.DocumentVersion
	Events    []sqlstore.CoopEvent
	History   []sqlstore.AuditRecord
	CanEdit   bool
	CanUpload bool
	CanDocs   bool
	CanAudit  bool
	Form      coopFormData
	Notice    coopNotice
	DocTypes  []cooperation.DocType
	Stages    []cooperation.Stage   // the main path of its machine, for the progress bar
	Deadlines []pageDeadline        // the running ones, and the term's end while it is executed
	FileFor   []cooperation.Party   // the parties the user may file documents for
	Awaiting  []cooperation.Awaited // whom the cooperation waits for, when the user has no step
	TKKSD     *coopTKKSD            // the teams' considerations and follow-up actions; nil for the public
}

// pageDeadline is a date the parties must act by, with the party's name.
type pageDeadline struct {
	Name    string // a regulation parameter, or "end_date" for the term
	Party   string
	Due     workday.Date
	Overdue bool
}

// pageDeadlines lists c's running deadlines and, while it is executed, the
// end of its term (an extension is filed before it) and each party's next
// yearly report, soonest first.
func (s *Server) pageDeadlines(c cooperation.Cooperation, p cooperation.Params) []pageDeadline {
	today := workday.DateOf(s.now())
	var out []pageDeadline
	for _, d := range c.RunningDeadlines() {
		pd := pageDeadline{Name: d.Name, Due: d.Due, Overdue: d.Due.Before(today)}
		if p, _, ok := c.Party(d.Party); ok {
			pd.Party = s.partyName(string(p.Kind), p.Region, p.Name)
		}
		out = append(out, pd)
	}
	if c.Stage == cooperation.Pelaksanaan && !c.EndDate.IsZero() {
		out = append(out, pageDeadline{Name: "end_date", Due: c.EndDate, Overdue: c.EndDate.Before(today)})
	}
	for _, rd := range c.ReportsDue(p) {
		pd := pageDeadline{Name: "report_due", Due: rd.Due, Overdue: rd.Due.Before(today)}
		if party, _, ok := c.Party(rd.Party); ok {
			pd.Party = s.partyName(string(party.Kind), party.Region, party.Name)
		}
		out = append(out, pd)
	}
	slices.SortStableFunc(out, func(a, b pageDeadline) int { return a.Due.Compare(b.Due) })
	return out
}

func (s *Server) coopPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderCoop(w, r, http.StatusOK, c, coopNotice{Saved: r.URL.Query().Get("saved")})
}

// renderCoop shows a cooperation: where it stands, who must do what next,
// its parties, documents, timeline and history.
func (s *Server) renderCoop(w http.ResponseWriter, r *http.Request, status int, c cooperation.Cooperation, n coopNotice) {
	a := info(r).Actor
	res := c.Resource()
	params, err := s.coopParams(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := coopPageData{Coop: c, Notice: n, Stages: mainPath(c.Kind), Deadlines: s.pageDeadlines(c, params),
		CanEdit:   access.Authorize(a, access.EditCooperation, res) == nil && c.Stage == cooperation.InitialStage(c.Kind) && initiatorSide(c, a),
		CanUpload: access.Authorize(a, access.UploadDocument, res) == nil && !c.Stage.Terminal(),
		CanDocs:   access.Authorize(a, access.ViewDocument, res) == nil,
		CanAudit:  access.Authorize(a, access.ViewAudit, res) == nil,
	}
	for _, dt := range cooperation.DocTypes {
		d.DocTypes = append(d.DocTypes, dt.Type)
	}
	for _, p := range c.Parties {
		if cooperation.MayFileFor(a, c, p.Key()) {
			d.FileFor = append(d.FileFor, p)
		}
	}
	ctx := r.Context()
	if !a.IsAnonymous() && access.Authorize(a, access.TransitionCooperation, res) == nil {
		p := params // read once above, for the deadlines too
		in, err := s.coopInput(ctx, c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, o := range cooperation.Available(c, a, in, p, s.now()) {
			st := nextStep{Name: o.Name, Party: o.Party, Problems: o.Problems}
			if p, _, ok := c.Party(o.Party); ok {
				st.PartyName = p.Name
			}
			if t := cooperation.Lookup(c.Kind, o.Name); t != nil {
				st.Docs = t.Docs
				docs := t.Docs
				// The signed agreement, when this act is the last signature.
				if slices.ContainsFunc(o.Problems, func(pr cooperation.Problem) bool { return pr.Msg == "coop.doc_missing_final" }) {
					docs = append(slices.Clone(docs), t.Final...)
				}
				for _, dt := range docs {
					i := slices.IndexFunc(d.Needs, func(n docNeed) bool { return n.Type == dt })
					if i < 0 {
						d.Needs = append(d.Needs, docNeed{Type: dt, Present: c.HasDoc(dt, "")})
						i = len(d.Needs) - 1
					}
					if !slices.Contains(d.Needs[i].For, o.Name) {
						d.Needs[i].For = append(d.Needs[i].For, o.Name)
					}
				}
			}
			d.Steps = append(d.Steps, st)
		}
	}
	if len(d.Steps) == 0 && !a.IsAnonymous() && !c.Stage.Terminal() {
		d.Awaiting = cooperation.Awaiting(c)
	}
	if d.CanDocs {
		if d.Docs, err = s.Coops.Documents(ctx, a.Scope(), c.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if !a.IsAnonymous() {
		if d.Events, err = s.Coops.CooperationEvents(ctx, a.Scope(), c.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.CanAudit {
		if d.History, err = s.Accounts.AuditHistory(ctx, a.Scope(), "cooperation", idOf(c.ID), 100); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.TKKSD, err = s.coopTKKSD(r, c, n.Errors); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.CanEdit {
		draft := draftOf(c)
		if n.Draft != nil {
			draft = *n.Draft
		}
		if d.Form, err = s.coopForm(r, c, draft, n.Errors, false); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderStatus(w, r, status, "coop", view{Nav: "coops", Title: c.Title, Data: d})
}

// mainPath is the usual order of a kind's stages, for the progress bar.
func mainPath(k cooperation.Kind) []cooperation.Stage {
	switch {
	case k.IsForeign():
		return []cooperation.Stage{cooperation.Prakarsa, cooperation.Penjajakan, cooperation.Kajian, cooperation.KonsultasiLoI,
			cooperation.LoIDitandatangani, cooperation.RencanaKerjaSama, cooperation.MenungguDPRD, cooperation.DiajukanKeMenteri,
			cooperation.Verifikasi, cooperation.RancanganNaskah, cooperation.PembahasanAntarkementrian, cooperation.PembahasanMitra,
			cooperation.SuratKonfirmasi, cooperation.PersetujuanMenteri, cooperation.NaskahDitandatangani, cooperation.Pelaksanaan, cooperation.Berakhir}
	case k == cooperation.KindSinergi:
		return []cooperation.Stage{cooperation.Persiapan, cooperation.SiapDitawarkan, cooperation.Penawaran, cooperation.PenyusunanNK,
			cooperation.Pelaksanaan, cooperation.Berakhir}
	}
	return []cooperation.Stage{cooperation.Persiapan, cooperation.SiapDitawarkan, cooperation.Penawaran, cooperation.PenyusunanKB,
		cooperation.KBDitandatangani, cooperation.MenungguDPRD, cooperation.PenyusunanPKS, cooperation.Pelaksanaan, cooperation.Berakhir}
}

// coopUpload adds a document version: checked by content, stored by hash.
func (s *Server) coopUpload(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.UploadDocument, c.Resource()) {
		return
	}
	t := cooperation.DocType(r.FormValue("type"))
	known := false
	for _, dt := range cooperation.DocTypes {
		known = known || dt.Type == t
	}
	if !known {
		s.renderCoop(w, r, http.StatusBadRequest, c, coopNotice{Errors: map[string]string{"type": s.t(r, "coop.doc_type_invalid")}})
		return
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		s.renderCoop(w, r, http.StatusBadRequest, c, coopNotice{Errors: map[string]string{"file": s.t(r, "coop.file_required")}})
		return
	}
	defer file.Close()
	party := r.FormValue("party")
	err = filingParty(info(r).Actor, c, party)
	var data []byte
	if err == nil {
		data, err = document.ReadLimited(file, document.DefaultMaxSize)
	}
	if err == nil {
		_, err = s.storeDocument(r, c.ID, t, party, cleanFileName(hdr.Filename), strings.TrimSpace(r.FormValue("note")), data)
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderCoop(w, r, statusOfErr(err), c, coopNotice{Errors: errs}) })
		return
	}
	http.Redirect(w, r, "/cooperations/"+idOf(c.ID)+"?saved=document#documents", http.StatusSeeOther)
}

// cleanFileName keeps the base name of an upload for display and the
// download header, without path or control characters.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	if len(name) > 200 {
		name = name[:200]
	}
	if name == "" {
		name = "dokumen"
	}
	return name
}

// coopDownload sends a stored document version to someone allowed to see
// the cooperation's documents (never the public).
func (s *Server) coopDownload(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.ViewDocument, c.Resource()) {
		return
	}
	docID, err := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err != nil {
		s.fail(w, r, &jalin.Error{Code: jalin.ENotFound, Msg: "document.not_found", Err: jalin.ErrNotFound})
		return
	}
	v, err := s.Coops.DocumentVersionByID(r.Context(), info(r).Actor.Scope(), c.ID, docID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rc, size, err := s.Blobs.Open(r.Context(), v.SHA256)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", v.MIME)
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": v.FileName}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("ETag", `"`+v.SHA256+`"`)
	if _, err := io.Copy(w, rc); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		s.Logger.Warn("download", "error", err)
	}
}
