package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// sectorParam reads a sector code ("C", "M_N" or "M,N"); def when empty.
func sectorParam(v, def string) (taxonomy.Sector, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "" {
		v = def
	}
	s, ok := taxonomy.SectorByCode(v)
	if !ok {
		return taxonomy.Sector{}, jalin.Invalid("sector", "potential.param_sector", v)
	}
	return s, nil
}

// yearParam reads an optional year; 0 when absent. Whether the data have
// the year is checked later, against the panel.
func yearParam(q url.Values, name string) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1900 || y > 2100 {
		return 0, jalin.Invalid(name, "potential.param_year_number", name, v)
	}
	return y, nil
}

// provinceParam reads an optional province code; "" when absent.
func provinceParam(q url.Values, dir *region.Directory) (string, error) {
	v := strings.TrimSpace(q.Get("province"))
	if v == "" {
		return "", nil
	}
	if r, ok := dir.Get(v); !ok || r.Level != region.Province {
		return "", jalin.Invalid("province", "potential.param_province", v)
	}
	return v, nil
}
