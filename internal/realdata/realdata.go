// Package realdata loads the shared real data for tests and benchmarks: the
// GRDP by sector of BPS and the regency geography (borders and seats), as
// the opportunity packages use them, and the folder for those that read
// the files themselves (sqlstore's import). Only tests import it.
//
// The data lives outside the repository, in $JALIN_SHARED_DATA or, by
// default, in shared/data beside the module's folder. A loader skips the
// test or benchmark when its files are absent and fails it when they do not
// parse. Each set is read once per test binary and shared; callers must not
// change what they get.
package realdata

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/region"
)

// The files read, under the economy and geo folders of the shared data,
// and the year of the economy.
const (
	FileLU        = "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv"
	FileAdjacency = "regency_adjacency.csv"
	FilePoints    = "regency_points.csv"
	Year          = 2019
)

// Dir returns the shared data folder, or skips tb when any of files (paths
// inside the folder) is absent.
func Dir(tb testing.TB, files ...string) string {
	tb.Helper()
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = defaultDir()
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(base, f)); err != nil {
			tb.Skipf("shared data absent (%v); set JALIN_SHARED_DATA", err)
		}
	}
	return base
}

// defaultDir is shared/data beside the folder of the module that holds the
// working directory (a test runs in its package's folder).
func defaultDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "data")
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared", "data")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(wd, "..", "shared", "data")
		}
	}
}

// Economy is the economy of the 514 regencies in Year.
type Economy struct {
	// Regions are the regencies, province by province in the order of the
	// region directory; Names their names.
	Regions []string
	Names   map[string]string
	// Sectors are the BPS sector codes of the GRDP by sector.
	Sectors []string
	// GRDP is each regency's GRDP (billion rupiah, constant 2010 prices).
	GRDP map[string]float64
	// LQ is the location quotient of a regency in Sectors[s] against its
	// province; rows BPS flagged are left out, so some regencies have none.
	LQ func(code string, s int) (float64, bool)
}

var economy = onceFor(loadEconomy)

// LoadEconomy returns the economy of Year.
func LoadEconomy(tb testing.TB) Economy {
	tb.Helper()
	return economy(tb, Dir(tb, filepath.Join("economy", FileLU)))
}

var borders = onceFor(func(base string) ([][2]string, error) {
	var out [][2]string
	err := parseGeo(base, FileAdjacency, geo.ParseAdjacency, func(a geo.Adjacency) {
		out = append(out, [2]string{a.A, a.B})
	})
	return out, err
})

// Borders returns the pairs of regencies that share a border.
func Borders(tb testing.TB) [][2]string {
	tb.Helper()
	return borders(tb, Dir(tb, filepath.Join("geo", FileAdjacency)))
}

var seats = onceFor(func(base string) (map[string][2]float64, error) {
	out := map[string][2]float64{}
	err := parseGeo(base, FilePoints, geo.ParsePoints, func(p geo.Point) {
		out[p.Code] = [2]float64{p.Lon, p.Lat}
	})
	return out, err
})

// Seats returns each regency's seat as longitude and latitude.
func Seats(tb testing.TB) map[string][2]float64 {
	tb.Helper()
	return seats(tb, Dir(tb, filepath.Join("geo", FilePoints)))
}

// onceFor makes load run once, on the folder of the first call.
func onceFor[T any](load func(base string) (T, error)) func(testing.TB, string) T {
	var (
		once sync.Once
		v    T
		err  error
	)
	return func(tb testing.TB, base string) T {
		tb.Helper()
		once.Do(func() { v, err = load(base) })
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

func parseGeo[T any](base, name string, parse func(io.Reader, string, func(string) bool) ([]T, []geo.Unmatched, error), each func(T)) error {
	f, err := os.Open(filepath.Join(base, "geo", name))
	if err != nil {
		return err
	}
	defer f.Close()
	items, _, err := parse(f, name, func(string) bool { return true })
	if err != nil {
		return err
	}
	for _, it := range items {
		each(it)
	}
	return nil
}

func loadEconomy(base string) (Economy, error) {
	dir, err := region.Load()
	if err != nil {
		return Economy{}, err
	}
	cw, err := bps.NewCrosswalk(dir)
	if err != nil {
		return Economy{}, err
	}
	f, err := os.Open(filepath.Join(base, "economy", FileLU))
	if err != nil {
		return Economy{}, err
	}
	defer f.Close()
	brows, _, err := bps.Read(cw, f, FileLU)
	if err != nil {
		return Economy{}, err
	}
	e := Economy{Names: map[string]string{}, GRDP: map[string]float64{}}
	var rows []analysis.Row
	refOf := map[string]string{}
	for _, r := range brows {
		sector, ok := strings.CutPrefix(r.Indicator, bps.IndLUPrefix)
		if !ok || r.SourceFlag != "" || r.Region == bps.NationalCode {
			continue
		}
		if prov, _, regency := strings.Cut(r.Region, "."); regency {
			refOf[r.Region] = prov
			if r.Year == Year {
				e.GRDP[r.Region] += r.Value
			}
		}
		rows = append(rows, analysis.Row{Region: r.Region, Indicator: sector, Year: r.Year, Value: r.Value})
	}
	p, err := analysis.FromRows(rows, analysis.Options{ReferenceOf: refOf, Unit: bps.UnitMiliar})
	if err != nil {
		return Economy{}, err
	}
	lq, err := analysis.LQ(p, Year, 1)
	if err != nil {
		return Economy{}, err
	}
	e.Sectors = p.Sectors
	e.LQ = func(code string, s int) (float64, bool) {
		v, st, ok := lq.LQ.Get(code, p.Sectors[s])
		return v, ok && st == analysis.OK
	}
	for _, prov := range dir.Children("") {
		for _, r := range dir.Children(prov.Code) {
			e.Regions = append(e.Regions, r.Code)
			e.Names[r.Code] = r.Name
		}
	}
	return e, nil
}
