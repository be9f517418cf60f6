package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

type paramsData struct {
	Versions  []cooperation.Params
	Names     []string
	InForce   string
	Current   cooperation.Params
	CanManage bool
	Errors    map[string]string
}

// paramsPage shows the regulation parameter versions, each value with its
// confidence, so that administrators see which values are unverified
// settings rather than confirmed law.
func (s *Server) paramsPage(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	s.renderParams(w, r, http.StatusOK, nil)
}

func (s *Server) renderParams(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	versions, err := s.Coops.ParamVersions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cur := cooperation.ParamsFor(versions, workday.DateOf(s.now()))
	d := paramsData{Versions: versions, Names: cooperation.ParamNames(), InForce: cur.Version, Current: cur, Errors: errs,
		CanManage: access.Authorize(info(r).Actor, access.ManageParams, homeResource(info(r).Actor, "params")) == nil}
	s.renderStatus(w, r, status, "params", view{Nav: "params", Title: s.t(r, "params.title"), Data: d})
}

// paramsSave stores a new parameter version from the page's form: every
// value as shown, changed where the administrator typed another.
func (s *Server) paramsSave(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageParams, homeResource(a, "params")) {
		return
	}
	in := apiParamInput{Version: r.PostFormValue("version"), EffectiveFrom: r.PostFormValue("effective_from"),
		Source: r.PostFormValue("source"), Values: map[string]int{}}
	for _, name := range cooperation.ParamNames() {
		v := strings.TrimSpace(r.PostFormValue("value_" + name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			s.renderParams(w, r, http.StatusBadRequest, map[string]string{name: s.t(r, "error.param_int", name, v)})
			return
		}
		in.Values[name] = n
	}
	p, err := s.newParamVersion(r, in)
	if err == nil {
		err = s.Coops.SaveParamVersion(r.Context(), p, meta(r))
	}
	if err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderParams(w, r, statusOfErr(err), errs) })
		return
	}
	http.Redirect(w, r, "/params", http.StatusSeeOther)
}

type holidaysData struct {
	Year      int
	Days      []workday.Day
	Covered   bool
	Tentative bool
	CanManage bool
	Errors    map[string]string
	Years     []int
}

// holidaysPage shows a year's national holidays and cuti bersama, marked
// verified, unverified or estimated; the national administrator adds or
// cancels days.
func (s *Server) holidaysPage(w http.ResponseWriter, r *http.Request) {
	s.renderHolidays(w, r, http.StatusOK, nil)
}

func (s *Server) renderHolidays(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	year := workday.DateOf(s.now()).Year
	if y := r.URL.Query().Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			s.fail(w, r, jalin.Invalid("year", "error.param_range", "year", 2000, 2100))
			return
		}
		year = n
	}
	cal, err := s.calendar(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := holidaysData{Year: year, Days: cal.Days(year), Covered: cal.Covers(workday.NewDate(year, 1, 1)),
		Tentative: cal.Tentative(year), Errors: errs,
		CanManage: access.Authorize(info(r).Actor, access.ManageCalendar, homeResource(info(r).Actor, "calendar")) == nil}
	for y := 2020; y <= 2027; y++ {
		d.Years = append(d.Years, y)
	}
	s.renderStatus(w, r, status, "holidays", view{Nav: "holidays", Title: s.t(r, "holidays.title"), Data: d})
}

// holidayAdd adds (or, with kind hari_kerja, cancels) a day, recorded in
// the audit trail.
func (s *Server) holidayAdd(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	if !s.authorize(w, r, access.ManageCalendar, homeResource(a, "calendar")) {
		return
	}
	date, err := workday.ParseDate(strings.TrimSpace(r.PostFormValue("date")))
	if err != nil {
		s.renderHolidays(w, r, http.StatusBadRequest, map[string]string{"date": s.t(r, "coop.date_invalid", r.PostFormValue("date"))})
		return
	}
	day := workday.Day{Date: date, Kind: r.PostFormValue("kind"), NameID: strings.TrimSpace(r.PostFormValue("name_id")),
		NameEN: strings.TrimSpace(r.PostFormValue("name_en")), Source: strings.TrimSpace(r.PostFormValue("source"))}
	if len(day.NameID) > 200 || len(day.NameEN) > 200 || len(day.Source) > 500 || account.HasControl(day.NameID+day.NameEN+day.Source) {
		s.renderHolidays(w, r, http.StatusBadRequest, map[string]string{"name_id": s.t(r, "coop.field_invalid", "name_id", 200)})
		return
	}
	if err := day.Validate(); err != nil {
		s.formFail(w, r, err, func(errs map[string]string) { s.renderHolidays(w, r, statusOfErr(err), errs) })
		return
	}
	if err := s.Coops.AddHoliday(r.Context(), day, meta(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/holidays?year="+strconv.Itoa(date.Year), http.StatusSeeOther)
}
