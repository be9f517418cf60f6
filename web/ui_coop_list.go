package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/workday"
)

// parseCoopFilter reads the list filters shared by the page, the API and
// the export, naming the first malformed parameter.
func (s *Server) parseCoopFilter(v url.Values) (sqlstore.CoopFilter, error) {
	f := sqlstore.CoopFilter{Limit: 50, Today: workday.DateOf(s.now())}
	var err error
	if f.Query, err = textParam(v, "q", maxQueryLen); err != nil {
		return f, err
	}
	if k := v.Get("kind"); k != "" {
		if f.Kind = cooperation.Kind(k); !f.Kind.Valid() {
			return f, jalin.Invalid("kind", "coop.kind_invalid", k)
		}
	}
	if st := v.Get("stage"); st != "" {
		if !validStage(cooperation.Stage(st)) {
			return f, jalin.Invalid("stage", "coop.stage_invalid", st)
		}
		f.Stage = cooperation.Stage(st)
	}
	if p := v.Get("province"); p != "" {
		if r, ok := s.Regions.Get(p); !ok || r.Level != region.Province {
			return f, jalin.Invalid("province", "error.param_code", "province", p)
		}
		f.Province = p
	}
	if p := v.Get("partner"); p != "" {
		if _, ok := s.Regions.Get(p); !ok && !strings.HasPrefix(p, "org:") {
			return f, jalin.Invalid("partner", "error.param_code", "partner", p)
		}
		if org, ok := strings.CutPrefix(p, "org:"); ok {
			if _, err := strconv.ParseInt(org, 10, 64); err != nil {
				return f, jalin.Invalid("partner", "error.param_code", "partner", p)
			}
		}
		f.Partner = p
	}
	if u := v.Get("urusan"); u != "" {
		if _, ok := taxonomy.UrusanByCode(u); !ok {
			return f, jalin.Invalid("urusan", "coop.urusan_invalid", u)
		}
		f.Urusan = u
	}
	if sec := v.Get("sector"); sec != "" {
		if _, ok := taxonomy.SectorByCode(sec); !ok {
			return f, jalin.Invalid("sector", "coop.sector_invalid", sec)
		}
		f.Sector = sec
	}
	if f.Year, err = intParam(v, "year", 0, 2000, 2100); err != nil && v.Get("year") != "" {
		return f, err
	}
	if f.ExpiringWithin, err = intParam(v, "expiring_within", 0, 1, 3650); err != nil && v.Get("expiring_within") != "" {
		return f, err
	}
	switch f.Sort = v.Get("sort"); f.Sort {
	case "", "end_date", "-end_date", "updated", "title":
	default:
		return f, jalin.Invalid("sort", "coop.sort_invalid", f.Sort)
	}
	if f.Limit, err = intParam(v, "limit", 50, 1, 100); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(v, "offset", 0, 0, maxOffset); err != nil {
		return f, err
	}
	if v.Has("page") {
		page, err := intParam(v, "page", 1, 1, maxOffset/f.Limit+1)
		if err != nil {
			return f, err
		}
		f.Offset = (page - 1) * f.Limit
	}
	return f, nil
}

func validStage(st cooperation.Stage) bool {
	for _, x := range allStages {
		if x == st {
			return true
		}
	}
	return false
}

// allStages in the order a person reads the lifecycle: domestic, Sinergi,
// foreign, then the ends.
var allStages = []cooperation.Stage{
	cooperation.Persiapan, cooperation.SiapDitawarkan, cooperation.Penawaran, cooperation.PenyusunanKB,
	cooperation.KBDitandatangani, cooperation.MenungguDPRD, cooperation.PenyusunanPKS, cooperation.PenyusunanNK,
	cooperation.Prakarsa, cooperation.Penjajakan, cooperation.Kajian, cooperation.KonsultasiLoI,
	cooperation.LoIDitandatangani, cooperation.RencanaKerjaSama, cooperation.DiajukanKeMenteri,
	cooperation.Verifikasi, cooperation.RancanganNaskah, cooperation.PembahasanAntarkementrian,
	cooperation.PembahasanMitra, cooperation.SuratKonfirmasi, cooperation.PersetujuanMenteri,
	cooperation.NaskahDitandatangani, cooperation.Pelaksanaan, cooperation.Berakhir,
	cooperation.Ditolak, cooperation.DitolakDPRD,
}

type coopListData struct {
	Items                 []sqlstore.CoopSummary
	Total                 int
	Filter                sqlstore.CoopFilter
	Kinds                 []cooperation.Kind
	Stages                []cooperation.Stage
	Urusan                []taxonomy.Urusan
	Sectors               []taxonomy.Sector
	CanCreate             bool
	ExportCSV, ExportXLSX string // the export links, with the list's filters
	PrevURL               string
	NextURL               string
	From, To              int
}

// coopList is a region's cooperation list: everything in the actor's
// scope (the public: what is published), filtered and paged.
func (s *Server) coopList(w http.ResponseWriter, r *http.Request) {
	a := info(r).Actor
	f, err := s.parseCoopFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope := a.Scope()
	if a.IsAnonymous() {
		scope = access.Scope{PublicOnly: true}
	}
	items, total, err := s.Coops.ListCooperations(r.Context(), scope, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Del("page")
	q.Del("offset")
	d := coopListData{Items: items, Total: total, Filter: f, Kinds: cooperation.Kinds, Stages: allStages,
		Urusan: taxonomy.Urusans(), Sectors: taxonomy.Sectors(),
		CanCreate: access.Authorize(a, access.CreateCooperation, homeResource(a, "cooperation")) == nil}
	q.Set("format", "csv")
	d.ExportCSV = "/cooperations/export?" + q.Encode()
	q.Set("format", "xlsx")
	d.ExportXLSX = "/cooperations/export?" + q.Encode()
	if len(items) > 0 {
		d.From, d.To = f.Offset+1, f.Offset+len(items)
	}
	page := f.Offset/f.Limit + 1
	if f.Offset > 0 {
		d.PrevURL = listURL("/cooperations", r.URL.Query(), page-1)
	}
	if f.Offset+f.Limit < total {
		d.NextURL = listURL("/cooperations", r.URL.Query(), page+1)
	}
	s.render(w, r, "coops", "coops", s.t(r, "coops.title"), d)
}
