package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"github.com/jalin-ksd/jalin/bps"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

//go:embed templates
var templateFS embed.FS

// pages holds one parsed template set per page: the layout, the shared
// partials and the page itself, parsed once at start.
type pages struct {
	set map[string]*template.Template
}

func loadPages(a *assets) (*pages, error) {
	funcs := template.FuncMap{
		"asset": a.URL,
		"add":   func(a, b int) int { return a + b },
		// inzone shows a meeting time in the zone it was announced in.
		"inzone": func(t time.Time, z tkksd.Zone) string {
			return t.In(z.Location()).Format("2006-01-02 15:04 ") + string(z)
		},
		"list": func(xs ...string) []string { return xs },
		// dateval is a date input's value: empty for no date.
		"dateval": func(d workday.Date) string {
			if d.IsZero() {
				return ""
			}
			return d.String()
		},
		"clusterTable": func(v any, rows []oppCluster, id string, canCreate bool) clusterTableData {
			return clusterTableData{V: v, Rows: rows, ID: id, CanCreate: canCreate}
		},
		// size is for the TKKSD pages until they use the view's Size, which
		// writes the page's language; the other numbers go through the view
		// (Num, Dec, Pct, Rupiah, Km, Size: see format.go).
		"size": func(n int64) string { return formatSizeIn(i18n.EN, n) },
		"has": func(xs any, x any) bool {
			v := reflect.ValueOf(xs)
			for i := 0; v.Kind() == reflect.Slice && i < v.Len(); i++ {
				if fmt.Sprint(v.Index(i).Interface()) == fmt.Sprint(x) {
					return true
				}
			}
			return false
		},
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{set: make(map[string]*template.Template)}
	for _, n := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, err
		}
		p.set[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return p, nil
}

// view is what every page template receives: the request's language and
// identity, the page title and the page's own data.
type view struct {
	Lang      i18n.Lang
	RequestID string
	Path      string // request URI, for the language switch to come back to
	Nav       string // which navigation entry is current
	Title     string
	Data      any
	User      *sqlstore.User // the signed-in user, or nil
	Actor     access.Actor
	CSRF      string // the session's CSRF token, for forms and htmx
	cat       *i18n.Catalog
	regions   *region.Directory
	orgName   string // a third party's organisation
}

// Can reports whether the signed-in user may do act in its own region;
// the layout uses it to show only the navigation that leads somewhere.
func (v *view) Can(act string) bool {
	return !v.Actor.IsAnonymous() && access.Authorize(v.Actor, access.Action(act), homeResource(v.Actor, "")) == nil
}

// Notice translates a stored notification's message, its codes (a step,
// a region, a role) by their names.
func (v *view) Notice(key string, args []string) string {
	a := make([]any, len(args))
	for i, x := range args {
		a[i] = x
	}
	return v.Msg(key, a)
}

// Msg translates a message key with its arguments (a domain problem).
func (v *view) Msg(key string, args []any) string {
	return v.T(key, localArgs(v.cat, v.regions, v.Lang, key, args)...)
}

// With returns a copy of the view carrying other data, for a partial that
// renders a part of the page (a form inside a larger page).
func (v *view) With(data any) *view {
	w := *v
	w.Data = data
	return &w
}

// DocLabel is a document type's name in the page's language.
func (v *view) DocLabel(t cooperation.DocType) string { return docLabel(t, v.Lang) }

// Label translates a code of a kind ("coop.kind", "ksdd_wajib").
func (v *view) Label(prefix string, code any) string { return v.T(prefix + "." + fmt.Sprint(code)) }

// PartyName is the name of c's party with key (a region's from the
// reference when the party has none), or the key if c has no such party.
func (v *view) PartyName(c cooperation.Cooperation, key string) string {
	p, _, ok := c.Party(key)
	if !ok {
		return key
	}
	return partyName(v.regions, string(p.Kind), p.Region, p.Name)
}

// LabelOr is Label for a code that may have no name in the catalogue
// (a value an administrator typed): the code itself then.
func (v *view) LabelOr(prefix string, code any) string {
	k := prefix + "." + fmt.Sprint(code)
	if v.cat == nil || !v.cat.Has(k) {
		return fmt.Sprint(code)
	}
	return v.T(k)
}

// UrusanName is a government affair's code with its name in the page's
// language ("1.03 Pekerjaan umum dan penataan ruang").
func (v *view) UrusanName(code string) string {
	u, ok := taxonomy.UrusanByCode(code)
	if !ok {
		return code
	}
	if v.Lang == i18n.EN {
		return code + " " + u.NameEN
	}
	return code + " " + u.NameID
}

// SectorLabel is a BPS business field's letter with its name.
func (v *view) SectorLabel(code string) string {
	if code == "" {
		return ""
	}
	return code + " " + sectorName(code, v.Lang)
}

// DeadlineName names a date to act by: a regulation parameter's deadline,
// the term's end, or the next yearly report.
func (v *view) DeadlineName(name string) string {
	switch name {
	case "end_date":
		return v.T("tkksd.term_ends")
	case "report_due":
		return v.T("coop.report_due")
	}
	return v.T("coop.param." + name)
}

// Time shows a moment in the signed-in user's own time zone (WIB, WITA or
// WIT by its region; WIB for the ministry and the public).
func (v *view) Time(t time.Time) string {
	z := tkksd.ZoneOf(v.Actor.Region)
	return t.In(z.Location()).Format("2006-01-02 15:04 ") + string(z)
}

// ActionName names an audited action that is a cooperation step by its
// label; "" for other actions, which the page shows by their code.
func (v *view) ActionName(action string) string {
	if step, ok := strings.CutPrefix(action, "cooperation."); ok && v.cat != nil && v.cat.Has("coop.step."+step) {
		return v.T("coop.step." + step)
	}
	return ""
}

// auditChange is one top-level field an audited action changed.
type auditChange struct{ Field, From, To string }

// Changes lists the top-level fields that differ between an audit
// record's before and after (JSON objects), in field order; nil when
// either is not an object, for the page to show them whole.
func (v *view) Changes(before, after json.RawMessage) []auditChange {
	var b, a map[string]json.RawMessage
	if len(before) > 0 && json.Unmarshal(before, &b) != nil || len(after) > 0 && json.Unmarshal(after, &a) != nil || (b == nil && a == nil) {
		return nil
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []auditChange
	for _, k := range keys {
		from, to := string(b[k]), string(a[k])
		if from != to {
			out = append(out, auditChange{Field: k, From: strings.Trim(from, `"`), To: strings.Trim(to, `"`)})
		}
	}
	return out
}

// RoleName is the translated name of a role.
func (v *view) RoleName(r access.Role) string { return v.T("role." + string(r)) }

// RegionName names a region code for display.
// ScopeName names what the signed-in user works for: a third party's
// organisation, otherwise its region (or the nation).
func (v *view) ScopeName() string {
	if v.orgName != "" {
		return v.orgName
	}
	return v.RegionName(v.Actor.Region)
}

func (v *view) RegionName(code string) string {
	if code == "" {
		return v.T("users.national")
	}
	if v.regions != nil {
		if r, ok := v.regions.Get(code); ok {
			return r.Name
		}
	}
	return code
}

// FormerProvince is the pre-2022 Papua province a reference code names
// (bps.FormerRefPrefix), or nil.
func (v *view) FormerProvince(code string) *bps.FormerProvince {
	if f, ok := bps.FormerProvinceByRef(code); ok {
		return &f
	}
	return nil
}

// T translates key into the request's language.
func (v *view) T(key string, args ...any) string { return v.cat.T(v.Lang, key, args...) }

// Langs lists the languages to switch to.
func (v *view) Langs() []i18n.Lang { return i18n.Langs }

// LevelName is the translated name of a region level or kind.
func (v *view) KindName(k region.Kind) string { return v.T("kind." + string(k)) }

func (s *Server) render(w http.ResponseWriter, r *http.Request, name, nav, title string, data any) {
	s.renderStatus(w, r, http.StatusOK, name, view{Nav: nav, Title: title, Data: data})
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var v view
	switch d := data.(type) {
	case view:
		v = d
	case errorPage:
		v = view{Data: d}
	}
	ri := info(r)
	v.Lang, v.RequestID, v.Path, v.cat, v.regions = ri.Lang, ri.ID, r.URL.RequestURI(), s.Catalog, s.Regions
	v.User, v.Actor = ri.User, ri.Actor
	if v.Actor.Role == access.ThirdParty && v.Actor.OrgID != 0 {
		v.orgName = s.orgName(r)(v.Actor.OrgID)
	}
	if ri.Session != nil {
		v.CSRF = ri.Session.CSRF
	}
	if e, ok := v.Data.(errorPage); ok {
		v.Title = v.T("error.title", e.Status)
	}
	t, ok := s.pages.set[name]
	if !ok {
		panic("web: unknown page " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", &v); err != nil {
		s.Logger.Error("render", "page", name, "request_id", ri.ID, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
