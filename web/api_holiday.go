package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// holidayWriter is what the calendar administration needs beyond
// CoopStore; *sqlstore.DB provides it and records each change in the audit
// trail.
type holidayWriter interface {
	AddHoliday(ctx context.Context, d workday.Day, meta sqlstore.AuditMeta) error
	DeleteHoliday(ctx context.Context, date workday.Date, meta sqlstore.AuditMeta) error
}

type apiHoliday struct {
	Date     workday.Date `json:"date"`
	Kind     string       `json:"kind"`
	NameID   string       `json:"name_id"`
	NameEN   string       `json:"name_en"`
	Source   string       `json:"source"`
	Verified bool         `json:"verified"`
	Estimate bool         `json:"estimate"`
	// Added marks the administrators' additions and corrections.
	Added bool `json:"added"`
}

type apiHolidayList struct {
	Year int `json:"year"`
	// Covered: the shipped calendar has this year; outside it only
	// weekends are known and deadlines may be too early.
	Covered   bool         `json:"covered"`
	Tentative bool         `json:"tentative"`
	Items     []apiHoliday `json:"items"`
}

func toAPIHoliday(d workday.Day, added bool) apiHoliday {
	return apiHoliday{Date: d.Date, Kind: d.Kind, NameID: d.NameID, NameEN: d.NameEN, Source: d.Source,
		Verified: d.Verified(), Estimate: d.Estimated(), Added: added}
}

// apiHolidays lists the days off of a year (the shipped calendar with the
// additions), and the additions that make a day a working day again.
func (s *Server) apiHolidays(w http.ResponseWriter, r *http.Request) {
	year, err := intParam(r.URL.Query(), "year", workday.DateOf(s.now()).Year, 1900, 2200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	extra, err := s.Coops.ExtraHolidays(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cal := s.Holidays.With(extra)
	added := map[workday.Date]bool{}
	for _, d := range extra {
		added[d.Date] = true
	}
	out := apiHolidayList{Year: year, Covered: cal.Covers(workday.NewDate(year, 1, 1)), Tentative: cal.Tentative(year), Items: []apiHoliday{}}
	for _, d := range cal.Days(year) {
		out.Items = append(out.Items, toAPIHoliday(d, added[d.Date]))
	}
	for _, d := range extra {
		if d.Date.Year == year && !d.Off() {
			out.Items = append(out.Items, toAPIHoliday(d, true))
		}
	}
	slices.SortFunc(out.Items, func(a, b apiHoliday) int { return a.Date.Compare(b.Date) })
	writeJSON(w, http.StatusOK, out)
}

type apiHolidayInput struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
	Source string `json:"source"`
}

func (s *Server) holidayStore() (holidayWriter, error) {
	hw, ok := s.Coops.(holidayWriter)
	if !ok {
		return nil, jalin.Errorf(jalin.EInternal, "error.internal")
	}
	return hw, nil
}

func (s *Server) apiHolidayAdd(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, access.ManageCalendar, homeResource(info(r).Actor, "holiday")) {
		return
	}
	var in apiHolidayInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	date, err := workday.ParseDate(in.Date)
	if err != nil {
		s.fail(w, r, jalin.Invalid("date", "workday.date_invalid", in.Date))
		return
	}
	d := workday.Day{Date: date, Kind: in.Kind, NameID: in.NameID, NameEN: in.NameEN, Source: in.Source}
	if len(d.NameID) > 200 || len(d.NameEN) > 200 || len(d.Source) > 500 {
		s.fail(w, r, jalin.Invalid("name_id", "coopapi.field_too_long", "name_id"))
		return
	}
	hw, err := s.holidayStore()
	if err == nil {
		err = d.Validate()
	}
	if err == nil {
		err = hw.AddHoliday(r.Context(), d, meta(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIHoliday(d, true))
}

func (s *Server) apiHolidayDelete(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, access.ManageCalendar, homeResource(info(r).Actor, "holiday")) {
		return
	}
	date, err := workday.ParseDate(r.PathValue("date"))
	if err != nil {
		s.fail(w, r, jalin.Invalid("date", "workday.date_invalid", r.PathValue("date")))
		return
	}
	hw, err := s.holidayStore()
	if err == nil {
		err = hw.DeleteHoliday(r.Context(), date, meta(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type apiParam struct {
	Name       string `json:"name"`
	Value      int    `json:"value"`
	Text       string `json:"text"`
	Unit       string `json:"unit"`
	Confidence string `json:"confidence"`
	Source     string `json:"source"`
	Unverified bool   `json:"unverified"`
}

type apiParamVersion struct {
	Version       string       `json:"version"`
	EffectiveFrom workday.Date `json:"effective_from"`
	InForce       bool         `json:"in_force"`
	Values        []apiParam   `json:"values"`
}

// apiParams lists the regulation parameter versions, the one in force
// today marked, each value with how sure the regulation text is of it.
func (s *Server) apiParams(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	versions, err := s.Coops.ParamVersions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(versions) == 0 {
		versions = []cooperation.Params{cooperation.Defaults()}
	}
	now := cooperation.ParamsFor(versions, workday.DateOf(s.now())).Version
	items := make([]apiParamVersion, 0, len(versions))
	for _, v := range versions {
		pv := apiParamVersion{Version: v.Version, EffectiveFrom: v.EffectiveFrom, InForce: v.Version == now, Values: []apiParam{}}
		for _, name := range sortedKeys(v.Values) {
			p := v.Values[name]
			pv.Values = append(pv.Values, apiParam{Name: name, Value: p.Value, Text: p.Text, Unit: p.Unit,
				Confidence: string(p.Confidence), Source: p.Source, Unverified: p.Unverified})
		}
		items = append(items, pv)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
