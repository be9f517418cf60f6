package partner

import (
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

const (
	fileLU        = "pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv"
	fileAdjacency = "regency_adjacency.csv"
	filePoints    = "regency_points.csv"
	realYear      = 2019
)

var (
	realOnce sync.Once
	realIn   Inputs
	realErr  error
)

// realInputs builds Inputs for the 514 regencies from the shared data
// (JALIN_SHARED_DATA, default ../../../shared/data): LQ 2019 against the
// province (flagged rows left out, so those regions have no data), GRDP
// 2019 as gravity mass, seats and borders from geo. It skips when the files
// are absent.
func realInputs(tb testing.TB) Inputs {
	tb.Helper()
	base := os.Getenv("JALIN_SHARED_DATA")
	if base == "" {
		base = filepath.Join("..", "..", "..", "shared", "data")
	}
	for _, f := range []string{filepath.Join("economy", fileLU), filepath.Join("geo", fileAdjacency), filepath.Join("geo", filePoints)} {
		if _, err := os.Stat(filepath.Join(base, f)); err != nil {
			tb.Skipf("shared data absent (%v); set JALIN_SHARED_DATA", err)
		}
	}
	realOnce.Do(func() { realIn, realErr = loadReal(base) })
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realIn
}

func loadReal(base string) (Inputs, error) {
	dir, err := region.Load()
	if err != nil {
		return Inputs{}, err
	}
	cw, err := bps.NewCrosswalk(dir)
	if err != nil {
		return Inputs{}, err
	}
	f, err := os.Open(filepath.Join(base, "economy", fileLU))
	if err != nil {
		return Inputs{}, err
	}
	defer f.Close()
	brows, _, err := bps.Read(cw, f, fileLU)
	if err != nil {
		return Inputs{}, err
	}
	in := Inputs{Names: map[string]string{}, Borders: map[[2]string]bool{}, Seats: map[string][2]float64{}, Mass: map[string]float64{}}
	var rows []analysis.Row
	refOf := map[string]string{}
	for _, r := range brows {
		sector, ok := strings.CutPrefix(r.Indicator, bps.IndLUPrefix)
		if !ok || r.SourceFlag != "" || r.Region == bps.NationalCode {
			continue
		}
		if prov, _, regency := strings.Cut(r.Region, "."); regency {
			refOf[r.Region] = prov
			if r.Year == realYear {
				in.Mass[r.Region] += r.Value
			}
		}
		rows = append(rows, analysis.Row{Region: r.Region, Indicator: sector, Year: r.Year, Value: r.Value})
	}
	p, err := analysis.FromRows(rows, analysis.Options{ReferenceOf: refOf, Unit: bps.UnitMiliar})
	if err != nil {
		return Inputs{}, err
	}
	lq, err := analysis.LQ(p, realYear, 1)
	if err != nil {
		return Inputs{}, err
	}
	in.Sectors = p.Sectors
	in.LQ = func(code string, s int) (float64, bool) {
		v, st, ok := lq.LQ.Get(code, p.Sectors[s])
		return v, ok && st == analysis.OK
	}
	for _, reg := range dir.Children("") {
		for _, r := range dir.Children(reg.Code) {
			in.Regions = append(in.Regions, r.Code)
			in.Names[r.Code] = r.Name
		}
	}
	all := func(string) bool { return true }
	pf, err := os.Open(filepath.Join(base, "geo", filePoints))
	if err != nil {
		return Inputs{}, err
	}
	defer pf.Close()
	pts, _, err := geo.ParsePoints(pf, filePoints, all)
	if err != nil {
		return Inputs{}, err
	}
	for _, pt := range pts {
		in.Seats[pt.Code] = [2]float64{pt.Lon, pt.Lat}
	}
	af, err := os.Open(filepath.Join(base, "geo", fileAdjacency))
	if err != nil {
		return Inputs{}, err
	}
	defer af.Close()
	adj, _, err := geo.ParseAdjacency(af, fileAdjacency, all)
	if err != nil {
		return Inputs{}, err
	}
	for _, a := range adj {
		in.Borders[[2]string{a.A, a.B}] = true
	}
	return in, nil
}

func TestRealEveryRegencyRanked(t *testing.T) {
	in := realInputs(t)
	if len(in.Regions) != 514 {
		t.Fatalf("%d regencies, want 514", len(in.Regions))
	}
	all, err := RankAll(in, DefaultWeights(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	noData := 0
	for _, r := range in.Regions {
		ss := all[r]
		if len(ss) != DefaultLimit {
			t.Errorf("%s (%s): %d suggestions", r, in.Names[r], len(ss))
		}
		checkSuggestions(t, r, ss)
		if _, ok := in.LQ(r, 0); !ok {
			noData++
		}
	}
	t.Logf("%d regencies without LQ %d data still ranked", noData, realYear)
	// The whole list, unlimited, covers every other regency once.
	one, err := Rank(in, "32.04", DefaultWeights(), Options{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range one {
		if seen[s.Partner] {
			t.Fatalf("%s twice", s.Partner)
		}
		seen[s.Partner] = true
	}
	if len(one) != 513 {
		t.Fatalf("32.04 has %d candidates, want 513", len(one))
	}
	// Deterministic and equal to Rank for a sample.
	again, _ := RankAll(in, DefaultWeights(), Options{})
	for _, r := range []string{"32.04", in.Regions[0], in.Regions[len(in.Regions)/2], in.Regions[len(in.Regions)-1]} {
		single, err := Rank(in, r, DefaultWeights(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for k := range single {
			if single[k].Partner != all[r][k].Partner || again[r][k].Partner != all[r][k].Partner || single[k].Score != all[r][k].Score {
				t.Fatalf("%s: rankings differ at %d", r, k)
			}
		}
	}
}

func TestRealSectorFilter(t *testing.T) {
	in := realInputs(t)
	all, err := RankAll(in, DefaultWeights(), Options{Sector: "A", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range in.Regions {
		checkSuggestions(t, r, all[r])
		for _, s := range all[r] {
			for _, rs := range s.Reasons {
				if (rs.Key == ReasonSupply || rs.Key == ReasonMarket) && rs.Args[0] != "A" {
					t.Fatalf("%s→%s: reason on sector %v", r, s.Partner, rs.Args[0])
				}
			}
		}
	}
}

func TestRealExplainSamples(t *testing.T) {
	in := realInputs(t)
	for _, tc := range []struct {
		region string
		o      Options
	}{{"32.04", Options{Limit: 2}}, {"33.01", Options{Limit: 1, Sector: "A"}}, {"53.71", Options{Limit: 1}}} {
		ss, err := Rank(in, tc.region, DefaultWeights(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			t.Logf("%s %s → %s %.3f\n  en: %s\n  id: %s", tc.region, in.Names[tc.region], in.Names[s.Partner], s.Score,
				Explain(s, "en", in.Names), Explain(s, "id", in.Names))
		}
	}
}

func BenchmarkRankAll(b *testing.B) {
	in := realInputs(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := RankAll(in, DefaultWeights(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
