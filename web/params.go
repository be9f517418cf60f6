package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
)

// regionQuery is a parsed, validated region listing request, shared by the
// region browser page and the API.
type regionQuery struct {
	Text   string
	Level  region.Level
	Parent string
	Limit  int
	Offset int
}

const (
	defaultLimit = 20
	maxLimit     = 100
	maxOffset    = 100000
	maxQueryLen  = 100
)

var levelNames = map[string]region.Level{
	"1": region.Province, "province": region.Province, "provinsi": region.Province,
	"2": region.Regency, "regency": region.Regency, "kabupaten_kota": region.Regency,
	"3": region.District, "district": region.District, "kecamatan": region.District,
	"4": region.Village, "village": region.Village, "desa_kelurahan": region.Village,
}

// parseRegionQuery reads q, level, parent, limit and offset (or page, for
// the pages) and names the first parameter that is malformed.
func parseRegionQuery(v url.Values, dir *region.Directory) (regionQuery, error) {
	q := regionQuery{Limit: defaultLimit}
	var err error
	if q.Text, err = textParam(v, "q", maxQueryLen); err != nil {
		return q, err
	}
	if s := v.Get("level"); s != "" {
		l, ok := levelNames[strings.ToLower(s)]
		if !ok {
			return q, jalin.Invalid("level", "error.param_level", s)
		}
		q.Level = l
	}
	if s := v.Get("parent"); s != "" {
		if !region.ValidCode(s) {
			return q, jalin.Invalid("parent", "error.param_code", "parent", s)
		}
		if _, ok := dir.Get(s); !ok {
			return q, jalin.Invalid("parent", "error.region_unknown", s)
		}
		q.Parent = s
	}
	if q.Limit, err = intParam(v, "limit", defaultLimit, 1, maxLimit); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, maxOffset); err != nil {
		return q, err
	}
	if v.Has("page") {
		page, err := intParam(v, "page", 1, 1, maxOffset/q.Limit+1)
		if err != nil {
			return q, err
		}
		q.Offset = (page - 1) * q.Limit
	}
	return q, nil
}

func intParam(v url.Values, name string, def, min, max int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, jalin.Invalid(name, "error.param_int", name, s)
	}
	if n < min || n > max {
		return 0, jalin.Invalid(name, "error.param_range", name, min, max)
	}
	return n, nil
}

// run answers the query from the directory: a search when there is text,
// else the children of the parent (or the provinces), filtered by level.
func (q regionQuery) run(dir *region.Directory) region.Result {
	if q.Text != "" {
		return dir.Search(region.Query{Text: q.Text, Level: q.Level, Within: q.Parent, Limit: q.Limit, Offset: q.Offset})
	}
	all := dir.Children(q.Parent)
	childLevel := region.Province
	if q.Parent != "" {
		childLevel = region.LevelOf(q.Parent) + 1
	}
	if q.Level != 0 && q.Level != childLevel {
		// A deeper level than the children: walk the sorted reference
		// below the parent, keeping only the page; a shallower level has
		// no members below the parent.
		var res region.Result
		if q.Level > childLevel {
			for _, r := range dir.All() {
				if r.Level == q.Level && (q.Parent == "" || strings.HasPrefix(r.Code, q.Parent+".")) {
					if res.Total >= q.Offset && res.Total < q.Offset+q.Limit {
						res.Regions = append(res.Regions, r)
					}
					res.Total++
				}
			}
		}
		return res
	}
	res := region.Result{Total: len(all)}
	if q.Offset < len(all) {
		res.Regions = all[q.Offset:min(len(all), q.Offset+q.Limit)]
	}
	return res
}

// lookupRegion returns the region named by the {code} path value, or a
// not-found error that says which code was asked for.
func lookupRegion(dir *region.Directory, code string) (region.Region, error) {
	if !region.ValidCode(code) {
		return region.Region{}, &jalin.Error{Code: jalin.ENotFound, Msg: "error.region_bad_code", Args: []any{code}, Field: "code", Err: jalin.ErrNotFound}
	}
	r, ok := dir.Get(code)
	if !ok {
		return region.Region{}, &jalin.Error{Code: jalin.ENotFound, Msg: "error.region_not_found", Args: []any{code}, Err: jalin.ErrNotFound}
	}
	return r, nil
}

// textParam reads a free-text parameter: valid UTF-8 without control
// characters (which no search needs and PostgreSQL refuses), at most max
// characters, trimmed.
func textParam(v url.Values, name string, max int) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", jalin.Invalid(name, "error.param_text", name)
	}
	if utf8.RuneCountInString(s) > max {
		return "", jalin.Invalid(name, "error.param_too_long", name, max)
	}
	return s, nil
}
