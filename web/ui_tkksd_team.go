package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

type teamData struct {
	Region    string
	Teams     []tkksd.Team // current first, then history
	Users     []sqlstore.User
	CanEdit   bool
	Form      tkksd.Team
	Seats     []tkksd.Seat // the form's rows
	Version   int64        // the current team's version (0: none)
	Errors    map[string]string
	Positions []tkksd.Position
	Handovers []sqlstore.Handover
	Names     map[int64]string // the region's users' display names, by id
}

// teamPage shows the region's TKKSD by decree, its history, a form for a
// new decree and the handover of a leaving official's open actions.
func (s *Server) teamPage(w http.ResponseWriter, r *http.Request) {
	s.renderTeam(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderTeam(w http.ResponseWriter, r *http.Request, status int, form *tkksd.Team, errs map[string]string) {
	a, ok := s.teamAccess(w, r, access.ViewTKKSD)
	if !ok {
		return
	}
	if a.Region == "" {
		http.Redirect(w, r, "/tkksd", http.StatusSeeOther)
		return
	}
	teams, err := s.TKKSD.Teams(r.Context(), a.Scope(), a.Region)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	users, _, err := s.Accounts.ListUsers(r.Context(), a.Scope(), sqlstore.UserFilter{Region: a.Region, Limit: 500})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := teamData{Region: a.Region, Teams: teams, Errors: errs, Positions: tkksd.Positions, Names: map[int64]string{},
		CanEdit: access.Authorize(a, access.ManageTKKSD, tkksdResource(a)) == nil}
	for _, u := range users {
		if u.Region == a.Region && u.OrgID == 0 {
			d.Users = append(d.Users, u)
			d.Names[u.ID] = u.DisplayName
		}
	}
	if d.Handovers, err = s.TKKSD.Handovers(r.Context(), a.Scope(), a.Region); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(teams) > 0 && teams[0].Current {
		d.Version = teams[0].Version
	}
	switch {
	case form != nil:
		d.Form = *form
	case len(teams) > 0 && teams[0].Current:
		// A new decree usually changes a few seats: start from the current.
		d.Form = teams[0]
		d.Form.DecreeNumber, d.Form.DecreeDate, d.Form.DecreeDoc = "", workday.Date{}, ""
	default:
		d.Form.Seats = []tkksd.Seat{{Position: tkksd.Chair}, {Position: tkksd.Secretary}}
	}
	d.Seats = append(append([]tkksd.Seat(nil), d.Form.Seats...), make([]tkksd.Seat, 3)...)
	s.renderStatus(w, r, status, "tkksd_team", view{Nav: "tkksd", Title: s.t(r, "tkksd.team"), Data: d})
}

func (s *Server) teamSave(w http.ResponseWriter, r *http.Request) {
	a, ok := s.ownTeam(w, r)
	if !ok {
		return
	}
	t := tkksd.Team{Region: a.Region, DecreeNumber: r.PostFormValue("decree_number"), DecreeDoc: r.PostFormValue("decree_document")}
	names, offices, positions, users := r.PostForm["seat_name"], r.PostForm["seat_office"], r.PostForm["seat_position"], r.PostForm["seat_user"]
	for i, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		st := tkksd.Seat{Name: n}
		if i < len(offices) {
			st.Office = offices[i]
		}
		if i < len(positions) {
			st.Position = tkksd.Position(positions[i])
		}
		if i < len(users) && users[i] != "" {
			st.UserID, _ = strconv.ParseInt(users[i], 10, 64)
		}
		t.Seats = append(t.Seats, st)
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	var err error
	if file, hdr, ferr := r.FormFile("decree_file"); ferr == nil {
		t.DecreeFile, err = s.storeDecree(r, file, hdr.Filename)
		file.Close()
	}
	if err == nil {
		t.DecreeDate, err = dateField(r, "decree_date")
	}
	if err == nil {
		t.TermStart, err = dateField(r, "term_start")
	}
	if err == nil {
		t.TermEnd, err = dateField(r, "term_end")
	}
	if err == nil {
		_, err = s.TKKSD.SetTeam(r.Context(), a.Scope(), t, version, meta(r))
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderTeam(w, r, statusOfErr(err), &t, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/team", http.StatusSeeOther)
}

// handover moves a leaving official's open actions to a successor.
func (s *Server) handover(w http.ResponseWriter, r *http.Request) {
	a, ok := s.ownTeam(w, r)
	if !ok {
		return
	}
	from, _ := strconv.ParseInt(r.PostFormValue("from_user_id"), 10, 64)
	to, _ := strconv.ParseInt(r.PostFormValue("to_user_id"), 10, 64)
	toName := ""
	if u, err := s.Accounts.GetUser(r.Context(), a.Scope(), to); err == nil {
		toName = u.DisplayName
	}
	_, err := s.TKKSD.HandOver(r.Context(), a.Scope(), a.Region, from, to, toName, strings.TrimSpace(r.PostFormValue("reason")), meta(r))
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderTeam(w, r, statusOfErr(err), nil, errs) })
		return
	}
	http.Redirect(w, r, "/tkksd/team#handover", http.StatusSeeOther)
}

// storeDecree checks an uploaded decree by its content (PDF or an office
// format, as for cooperation documents) and keeps it in the blob store.
func (s *Server) storeDecree(r *http.Request, file io.Reader, name string) (*tkksd.File, error) {
	data, err := document.ReadLimited(file, document.DefaultMaxSize)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, nil // the form's empty file field
	}
	f, err := document.Detect(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	key, err := s.Blobs.Put(r.Context(), data)
	if err != nil {
		return nil, err
	}
	return &tkksd.File{SHA256: key, Name: cleanFileName(name), MIME: f.MIME, Size: int64(len(data))}, nil
}

// teamDecree sends the decree file of a composition the actor's scope
// covers (its own region's, or a province's regencies', or any for the
// ministry).
func (s *Server) teamDecree(w http.ResponseWriter, r *http.Request) {
	if !s.tkksdOn(w, r) || !s.requireUser(w, r) {
		return
	}
	a := info(r).Actor
	if !s.authorize(w, r, access.ViewTKKSD, tkksdResource(a)) {
		return
	}
	id, err := pathID(r, "id")
	var t tkksd.Team
	if err == nil {
		t, err = s.TKKSD.TeamByID(r.Context(), a.Scope(), id)
	}
	if err == nil && t.DecreeFile == nil {
		err = &jalin.Error{Code: jalin.ENotFound, Msg: jalin.ErrNotFound.Msg, Err: jalin.ErrNotFound}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	file := t.DecreeFile
	rc, size, err := s.Blobs.Open(r.Context(), file.SHA256)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", file.MIME)
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": file.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = io.Copy(w, rc)
}
